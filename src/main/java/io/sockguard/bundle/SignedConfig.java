package io.sockguard.bundle;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigLoader;
import io.sockguard.config.PolicyBundleConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads a configuration file and, when its {@code [policy_bundle]} says so, refuses it unless its bytes are signed by
 * an allowed key. The file is read once: the bytes that are verified are the bytes that are parsed, so a file swapped
 * between the two steps cannot slip through.
 *
 * <p>{@code policy_bundle} is read from the file being verified; that is sound because an attacker who can write the
 * file and turn the check off could equally remove it from any other place the same account controls. Deployments
 * that need the trust anchored elsewhere pin it with the {@code SOCKGUARD_POLICY_BUNDLE_*} environment variables,
 * which override the file. Stateless and thread-safe.
 */
public final class SignedConfig {

  /**
   * A loaded configuration.
   *
   * @param config the validated configuration
   * @param verification the signature check, present when {@code policy_bundle.enabled}
   */
  public record Loaded(Config config, Optional<Verification> verification) {
    public Loaded {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(verification, "verification");
    }
  }

  private SignedConfig() {}

  /**
   * Loads {@code fileOrNull} (the embedded default when null) with {@code env}, verifying its signature if required.
   *
   * @throws ConfigException listing every problem in the file and the environment
   * @throws IOException if the config file cannot be read or is not UTF-8
   * @throws SignatureRejectedException if a signature is required and missing, malformed or from no allowed key
   */
  public static Loaded load(Path fileOrNull, Map<String, String> env)
      throws ConfigException, IOException, SignatureRejectedException {
    if (fileOrNull == null) {
      Config config = ConfigLoader.load(null, env);
      if (config.policyBundle().enabled()) {
        throw new SignatureRejectedException(
            "policy_bundle.enabled is set but no config file was given; the embedded default carries no signature");
      }
      return new Loaded(config, Optional.empty());
    }
    byte[] bytes = Files.readAllBytes(fileOrNull);
    Config config = ConfigLoader.parse(strictUtf8(bytes), fileOrNull.toString(), env);
    if (!config.policyBundle().enabled()) {
      return new Loaded(config, Optional.empty());
    }
    return new Loaded(config, Optional.of(verify(fileOrNull, bytes, config.policyBundle())));
  }

  /**
   * Verifies {@code bytes}, the content of {@code configFile}, against the signature file {@code settings} names.
   *
   * @throws SignatureRejectedException if the signature file is missing or unreadable, or the signature is invalid
   */
  public static Verification verify(Path configFile, byte[] bytes, PolicyBundleConfig settings)
      throws SignatureRejectedException {
    ConfigSignatureVerifier verifier = ConfigSignatureVerifier.of(settings.allowedSigningKeys());
    Path signature = signaturePath(configFile, settings);
    byte[] signatureBytes;
    try {
      signatureBytes = Files.readAllBytes(signature);
    } catch (NoSuchFileException e) {
      throw new SignatureRejectedException(
          "policy_bundle.enabled is set but the signature file " + signature + " does not exist; expected a"
              + " signature of " + configFile + " by one of: " + String.join(", ", verifier.keyIds()),
          e);
    } catch (IOException e) {
      throw new SignatureRejectedException("cannot read the signature file " + signature + ": " + e.getMessage(), e);
    }
    return verifier.verify(bytes, signatureBytes, configFile.toString(), signature.toString());
  }

  /** Where the signature of {@code configFile} is: {@code signature_path} against the file's directory, or {@code .sig}. */
  public static Path signaturePath(Path configFile, PolicyBundleConfig settings) {
    if (settings.signaturePath().isEmpty()) {
      return configFile.resolveSibling(configFile.getFileName() + ".sig");
    }
    Path directory = configFile.toAbsolutePath().getParent();
    return directory.resolve(settings.signaturePath());
  }

  private static String strictUtf8(byte[] bytes) throws IOException {
    // The same refusal Files.readString gives (MalformedInputException is an IOException).
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
