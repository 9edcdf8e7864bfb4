package io.sockguard.cli;

import java.lang.reflect.Proxy;

/**
 * Process signals beyond what shutdown hooks cover: SIGHUP for reloads. The JDK's handler API is
 * {@code sun.misc.Signal} in the exported {@code jdk.unsupported} module; it is reached by name because javac
 * cannot silence its "proprietary API" warning under {@code --release}, and our build treats warnings as errors.
 * Installed only by {@code serve}, once, in the composition root.
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} on each SIGHUP; the handler only hands over, the reload runs on its own thread. */
  static void onHangup(Runnable action) {
    try {
      Class<?> signalClass = Class.forName("sun.misc.Signal");
      Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              handlerClass.getClassLoader(),
              new Class<?>[] {handlerClass},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  action.run();
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> "sighup-handler";
                };
              });
      Object hup = signalClass.getConstructor(String.class).newInstance("HUP");
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, hup, handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install a SIGHUP handler on this JVM", e);
    }
  }
}
