/**
 * Drop-in compatibility with other Docker socket proxies: today Tecnativa's docker-socket-proxy environment flags,
 * turned into an equivalent ordered rule list ({@link io.sockguard.compat.TecnativaFlags}). Values in, values out; no
 * I/O.
 */
package io.sockguard.compat;
