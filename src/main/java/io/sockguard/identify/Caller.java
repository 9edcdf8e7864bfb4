package io.sockguard.identify;

import java.util.Objects;

/** The outcome of identifying a connection: admitted with a profile, or refused. Immutable. */
public sealed interface Caller {

  ClientIdentity identity();

  /**
   * May send requests, judged by the policy of {@code profile}.
   *
   * @param profile the selected profile's name ({@code default} for the root policy)
   */
  record Admitted(ClientIdentity identity, String profile) implements Caller {
    public Admitted {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(profile, "profile");
    }
  }

  /**
   * Every request is answered 403 before anything else is looked at.
   *
   * @param message client-safe, single-line reason for the Docker-style error body
   */
  record Refused(ClientIdentity identity, String message) implements Caller {
    public Refused {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(message, "message");
    }
  }
}
