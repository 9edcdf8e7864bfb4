/**
 * What a request target means to dockerd: the canonical path that is both checked and forwarded
 * ({@link io.sockguard.route.PathCanonicalizer}), the kind of exchange it starts ({@link
 * io.sockguard.route.Endpoints}) and a bounded label for it ({@link
 * io.sockguard.route.RouteTemplate}). Pure functions of their arguments: no I/O, no state.
 */
package io.sockguard.route;
