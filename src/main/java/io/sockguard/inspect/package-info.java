/**
 * Bounded request-body inspection with dockerd's JSON rules: member names matched under Go's simple case folding
 * ({@link io.sockguard.inspect.GoFold}), duplicate or fold-equal names refused, anything unparseable refused. {@link
 * io.sockguard.inspect.BodyInspector} judges the writes that can escape to the host against a {@link
 * io.sockguard.inspect.RequestBodyPolicy}. Values in, values out; the only I/O is resolving existing bind sources
 * through the injected {@link io.sockguard.inspect.HostFilesystem}.
 */
package io.sockguard.inspect;
