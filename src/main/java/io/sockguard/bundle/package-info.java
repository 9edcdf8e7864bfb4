/**
 * Signed configuration ({@code [policy_bundle]}): a config file is used only if its exact bytes carry a signature from
 * an allowed key, verified with the JDK's own providers ({@link io.sockguard.bundle.ConfigSignatureVerifier}), and
 * read once so the verified bytes are the parsed bytes ({@link io.sockguard.bundle.SignedConfig}).
 */
package io.sockguard.bundle;
