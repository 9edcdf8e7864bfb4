/**
 * HTTP/1.1 vocabulary for sockguard's data plane: heads ({@link io.sockguard.http.RequestHead},
 * {@link io.sockguard.http.ResponseHead}), their strict parser ({@link
 * io.sockguard.http.HeadReader}) and encoder ({@link io.sockguard.http.HeadWriter}), body framing
 * ({@link io.sockguard.http.Framing}) and its streams, and hop-by-hop stripping.
 *
 * <p>Blocking I/O, meant for one virtual thread per connection. Nothing here closes a connection
 * stream: the connection's owner does. Values are immutable; readers and streams are single-thread.
 * Every peer error is an {@link io.sockguard.http.HttpProtocolException} carrying its status, or an
 * {@link java.io.EOFException} when the peer hangs up mid-message.
 */
package io.sockguard.http;
