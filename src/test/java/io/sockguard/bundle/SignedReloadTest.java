package io.sockguard.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sockguard.cli.Sockguard;
import io.sockguard.reload.ReloadResult;
import io.sockguard.testing.FakeUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signed policy can only be replaced by another signed one; the running one says who signed it. */
class SignedReloadTest {
  @TempDir Path dir;

  private static String toml(KeyPair pair, Path upstream, String extraRule) {
    return "[listen]\naddress = \"127.0.0.1:0\"\n[upstream]\nsocket = \"" + upstream + "\"\n"
        + "[policy_bundle]\nenabled = true\n"
        + "allowed_signing_keys = [\"\"\"\n" + Keys.pem(pair.getPublic()) + "\"\"\"]\n"
        + "[[rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n" + extraRule;
  }

  private static void sign(KeyPair pair, Path file) throws Exception {
    Files.write(
        file.resolveSibling(file.getFileName() + ".sig"),
        Base64.getEncoder().encode(Keys.sign(pair.getPrivate(), Files.readAllBytes(file))));
  }

  @Test
  void unsignedEditIsRejectedAndSignedOneIsInstalledWithItsSigner() throws Exception {
    KeyPair pair = Keys.ecP256();
    try (FakeUpstream daemon = FakeUpstream.start()) {
      Path file = dir.resolve("sockguard.toml");
      Files.writeString(file, toml(pair, daemon.socketPath(), ""));
      sign(pair, file);
      SignedConfig.Loaded loaded = SignedConfig.load(file, Map.of());
      String signer = loaded.verification().orElseThrow().signer();
      try (Sockguard sockguard = Sockguard.start(loaded.config(), line -> {}, file, signer, Map.of())) {
        assertEquals(signer, sockguard.policyInfo().bundleSigner());
        assertEquals(Keys.signerId(pair.getPublic()), signer);

        String extra = "[[rules]]\nmatch = { method = \"GET\", path = \"/version\" }\naction = \"allow\"\n";
        Files.writeString(file, toml(pair, daemon.socketPath(), extra));
        assertEquals(ReloadResult.REJECT_SIGNATURE, sockguard.reloadNow("test"));
        assertEquals(1, sockguard.policyInfo().version());

        sign(pair, file);
        assertEquals(ReloadResult.OK, sockguard.reloadNow("test"));
        assertEquals(2, sockguard.policyInfo().version());
        assertEquals(2, sockguard.policyInfo().rules());
        assertEquals(signer, sockguard.policyInfo().bundleSigner());
        assertEquals(
            SignedConfig.load(file, Map.of()).verification().orElseThrow().configSha256(),
            sockguard.policyInfo().configSha256());
      }
    }
  }
}
