package io.sockguard.bundle;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a signature file says, in either accepted form. Immutable.
 *
 * <ul>
 *   <li><b>detached</b>: the signature as base64 text (what {@code cosign sign-blob --key} prints, or {@code openssl
 *       dgst -sign | base64}), or the raw signature bytes when the text is not base64;
 *   <li><b>cosign bundle</b>: a JSON object (first non-blank byte {@code {}). The sigstore bundle's {@code
 *       messageSignature.signature} and optional {@code messageSignature.messageDigest} (which must be {@code
 *       SHA2_256}), or the older cosign bundle's {@code base64Signature}.
 * </ul>
 *
 * @param signature the signature bytes to verify over the whole config file
 * @param digest the SHA-256 the bundle claims for the file, or null when it claims none
 * @param format {@code detached} or {@code cosign-bundle}
 */
record SignatureFile(byte[] signature, byte[] digest, String format) {

  static SignatureFile parse(byte[] content, String name) throws SignatureRejectedException {
    String text = new String(content, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new SignatureRejectedException("signature file " + name + " is empty");
    }
    if (text.charAt(0) == '{') {
      return bundle(text, name);
    }
    try {
      return new SignatureFile(Base64.getDecoder().decode(text.replaceAll("\\s", "")), null, "detached");
    } catch (IllegalArgumentException notBase64) {
      return new SignatureFile(content.clone(), null, "detached");
    }
  }

  private static SignatureFile bundle(String text, String name) throws SignatureRejectedException {
    JsonObject root;
    try {
      JsonValue value = Json.parse(text);
      if (!value.isObject()) {
        throw new SignatureRejectedException("cosign bundle " + name + " is not a JSON object");
      }
      root = value.asObject();
    } catch (ParseException e) {
      throw new SignatureRejectedException("cosign bundle " + name + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root.get("dsseEnvelope") != null) {
      throw new SignatureRejectedException(
          "cosign bundle " + name + " holds a DSSE attestation; sign the file itself with cosign sign-blob --key");
    }
    JsonObject material = object(root.get("verificationMaterial"));
    if (material != null && (material.get("certificate") != null || material.get("x509CertificateChain") != null)
        || nonEmptyString(root.get("cert"))) {
      throw new SignatureRejectedException(
          "cosign bundle " + name + " carries a certificate (keyless signing), which is not supported;"
              + " sign with cosign sign-blob --key");
    }
    JsonObject messageSignature = object(root.get("messageSignature"));
    if (messageSignature != null) {
      byte[] signature = base64(messageSignature.get("signature"), "messageSignature.signature", name);
      JsonObject digest = object(messageSignature.get("messageDigest"));
      if (digest == null) {
        return new SignatureFile(signature, null, "cosign-bundle");
      }
      JsonValue algorithm = digest.get("algorithm");
      if (algorithm != null && !(algorithm.isString() && algorithm.asString().equals("SHA2_256"))) {
        throw new SignatureRejectedException(
            "cosign bundle " + name + " uses messageDigest.algorithm " + algorithm + "; only SHA2_256 is accepted");
      }
      return new SignatureFile(
          signature, base64(digest.get("digest"), "messageSignature.messageDigest.digest", name), "cosign-bundle");
    }
    if (root.get("base64Signature") != null) {
      return new SignatureFile(base64(root.get("base64Signature"), "base64Signature", name), null, "cosign-bundle");
    }
    throw new SignatureRejectedException(
        "cosign bundle " + name + " has neither messageSignature.signature nor base64Signature");
  }

  private static JsonObject object(JsonValue value) {
    return value != null && value.isObject() ? value.asObject() : null;
  }

  private static boolean nonEmptyString(JsonValue value) {
    return value != null && value.isString() && !value.asString().isEmpty();
  }

  private static byte[] base64(JsonValue value, String field, String name) throws SignatureRejectedException {
    if (value == null || !value.isString()) {
      throw new SignatureRejectedException("cosign bundle " + name + " has no string " + field);
    }
    try {
      return Base64.getDecoder().decode(value.asString());
    } catch (IllegalArgumentException e) {
      throw new SignatureRejectedException("cosign bundle " + name + ": " + field + " is not valid base64", e);
    }
  }
}
