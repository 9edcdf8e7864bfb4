package io.sockguard.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Keys and signatures made by the {@code openssl} command, not the JDK, verify: the formats are the interoperable
 * ones (SPKI PEM, DER ECDSA, pure Ed25519, PKCS#1 v1.5 and PSS RSA), not a JDK-to-JDK accident.
 */
class OpensslInteropTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ecdsa p-256, base64 | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | dgst -sha256 -sign KEY -out SIG FILE             | true  | ECDSA-P256-SHA256
          ecdsa p-256, raw    | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | dgst -sha256 -sign KEY -out SIG FILE             | false | ECDSA-P256-SHA256
          ed25519             | genpkey -algorithm ed25519                             | pkeyutl -sign -rawin -inkey KEY -in FILE -out SIG | true  | Ed25519
          rsa pkcs1           | genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048   | dgst -sha256 -sign KEY -out SIG FILE             | true  | RSA-PKCS1-SHA256
          rsa pss digest salt | genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048   | dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -sign KEY -out SIG FILE | true | RSA-PSS-SHA256
          rsa pss max salt    | genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048   | dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max -sign KEY -out SIG FILE | true | RSA-PSS-SHA256
          """)
  void verifiesWhatOpensslSigned(String name, String keygen, String sign, boolean base64, String algorithm)
      throws Exception {
    Path key = dir.resolve("key.pem");
    Path pub = dir.resolve("pub.pem");
    Path file = dir.resolve("sockguard.toml");
    Path raw = dir.resolve("sig.bin");
    Files.writeString(file, "[log]\nlevel = \"warn\"\n");
    openssl(keygen + " -out " + key);
    openssl("pkey -in " + key + " -pubout -out " + pub);
    openssl(sign.replace("KEY", key.toString()).replace("SIG", raw.toString()).replace("FILE", file.toString()));
    byte[] signature = Files.readAllBytes(raw);
    if (base64) {
      Path encoded = dir.resolve("sig.b64");
      openssl("base64 -A -in " + raw + " -out " + encoded);
      signature = Files.readAllBytes(encoded);
    }

    ConfigSignatureVerifier verifier = ConfigSignatureVerifier.of(List.of(Files.readString(pub)));
    Verification v = verifier.verify(Files.readAllBytes(file), signature, file.toString(), "sig");

    assertEquals(algorithm, v.algorithm());
    String digest = openssl("dgst -sha256 -r " + file).split(" ")[0];
    assertEquals(digest, v.configSha256());
  }

  private String openssl(String arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments.trim().split("\\s+")));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("this test needs the openssl command on PATH", e);
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "openssl " + arguments + " timed out");
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, process.exitValue(), "openssl " + arguments + ": " + output);
    return output;
  }
}
