/**
 * The pure access decision: ordered {@link io.sockguard.policy.Rule}s compiled into a {@link
 * io.sockguard.policy.Policy} that maps a method and canonical path to a {@link
 * io.sockguard.policy.Decision}, and the {@link io.sockguard.policy.ReasonCode} vocabulary every
 * refusal is reported with. No I/O, no state.
 */
package io.sockguard.policy;
