package io.sockguard.policy;

import java.util.Objects;

/** The outcome of {@link Policy#decide}: a closed set, so callers switch over it exhaustively. */
public sealed interface Decision {

  boolean isAllowed();

  /** The deny reason code, or {@code null} for an allow. */
  ReasonCode reasonCodeOrNull();

  /**
   * The request may proceed.
   *
   * @param ruleIndex the index of the allowing rule
   * @param reason that rule's reason text, or {@code null}
   * @param allowsUpgrade the rule names the upgrade ({@code match.upgrade = true}), so the request may switch
   *     protocols on a route that does not otherwise hijack (e.g. {@code GET /containers/{id}/attach/ws})
   */
  record Allow(int ruleIndex, String reason, boolean allowsUpgrade) implements Decision {
    public Allow(int ruleIndex, String reason) {
      this(ruleIndex, reason, false);
    }

    @Override
    public boolean isAllowed() {
      return true;
    }

    @Override
    public ReasonCode reasonCodeOrNull() {
      return null;
    }
  }

  /**
   * The request is refused.
   *
   * @param reasonCode why
   * @param ruleIndex the index of the denying rule, or -1 when no rule matched
   * @param message a client-safe, single-line message for the Docker-style {@code {"message": ...}}
   */
  record Deny(ReasonCode reasonCode, int ruleIndex, String message) implements Decision {
    public Deny {
      Objects.requireNonNull(reasonCode, "reasonCode");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public boolean isAllowed() {
      return false;
    }

    @Override
    public ReasonCode reasonCodeOrNull() {
      return reasonCode;
    }
  }
}
