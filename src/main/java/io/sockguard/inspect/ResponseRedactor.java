package io.sockguard.inspect;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import io.sockguard.route.CanonicalPath;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rewrites daemon answers that would leak what the policy wants hidden: environment values (secrets live there),
 * host mount paths and network addresses. Pure: bytes in, bytes out. A body that must be rewritten but cannot be
 * parsed is refused ({@link UnreadableResponseException}), never passed through.
 */
public final class ResponseRedactor {
  static final String REDACTED = "<redacted>";
  private static final List<String> ADDRESS_FIELDS =
      List.of(
          "IPAddress", "Gateway", "MacAddress", "GlobalIPv6Address", "IPv6Gateway", "LinkLocalIPv6Address",
          "IPv4Address", "IPv6Address", "SecondaryIPAddresses", "SecondaryIPv6Addresses");

  private ResponseRedactor() {}

  /** A response the policy needed to rewrite but could not read. */
  public static final class UnreadableResponseException extends RuntimeException {
    UnreadableResponseException(String message) {
      super(message, null, false, false);
    }
  }

  private enum Shape {
    CONTAINER_INSPECT,
    CONTAINER_LIST,
    NETWORK_INSPECT,
    NETWORK_LIST,
    NONE
  }

  private static Shape shapeOf(String method, CanonicalPath path) {
    if (!method.equals("GET")) {
      return Shape.NONE;
    }
    String[] s = path.path().split("/", -1);
    if (s.length == 3 && s[1].equals("containers") && s[2].equals("json")) {
      return Shape.CONTAINER_LIST;
    }
    if (s.length >= 4 && s[1].equals("containers") && s[s.length - 1].equals("json")) {
      return Shape.CONTAINER_INSPECT;
    }
    if (s.length == 2 && s[1].equals("networks")) {
      return Shape.NETWORK_LIST;
    }
    if (s.length >= 3 && s[1].equals("networks") && !s[2].isEmpty() && !s[2].equals("create")
        && !s[2].equals("prune")) {
      return Shape.NETWORK_INSPECT;
    }
    return Shape.NONE;
  }

  /** Whether a successful answer to this request has to be rewritten under {@code policy}. */
  public static boolean applies(String method, CanonicalPath path, RedactionPolicy policy) {
    return switch (shapeOf(method, path)) {
      case CONTAINER_INSPECT -> policy.containerEnv() || policy.mountPaths() || policy.networkTopology();
      case CONTAINER_LIST -> policy.mountPaths() || policy.networkTopology();
      case NETWORK_INSPECT, NETWORK_LIST -> policy.networkTopology();
      case NONE -> false;
    };
  }

  /** The rewritten body; throws {@link UnreadableResponseException} when it is not the JSON the route promises. */
  public static byte[] redact(String method, CanonicalPath path, byte[] body, RedactionPolicy policy) {
    JsonValue root;
    try {
      root = Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (ParseException | UnsupportedOperationException e) {
      throw new UnreadableResponseException("response is not JSON: " + e.getMessage());
    }
    switch (shapeOf(method, path)) {
      case CONTAINER_INSPECT -> container(object(root), policy, true);
      case CONTAINER_LIST -> {
        for (JsonValue item : array(root)) {
          container(object(item), policy, false);
        }
      }
      case NETWORK_INSPECT -> network(object(root));
      case NETWORK_LIST -> {
        for (JsonValue item : array(root)) {
          network(object(item));
        }
      }
      case NONE -> {
        return body;
      }
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject object(JsonValue value) {
    if (!value.isObject()) {
      throw new UnreadableResponseException("expected a JSON object");
    }
    return value.asObject();
  }

  private static JsonArray array(JsonValue value) {
    if (!value.isArray()) {
      throw new UnreadableResponseException("expected a JSON array");
    }
    return value.asArray();
  }

  private static void container(JsonObject c, RedactionPolicy policy, boolean inspect) {
    if (policy.containerEnv() && inspect) {
      JsonValue config = c.get("Config");
      if (config != null && config.isObject()) {
        JsonValue env = config.asObject().get("Env");
        if (env != null && env.isArray()) {
          JsonArray redacted = new JsonArray();
          for (JsonValue entry : env.asArray()) {
            String text = entry.isString() ? entry.asString() : entry.toString();
            int eq = text.indexOf('=');
            redacted.add((eq < 0 ? text : text.substring(0, eq)) + "=" + REDACTED);
          }
          config.asObject().set("Env", redacted);
        }
      }
    }
    if (policy.mountPaths()) {
      JsonValue mounts = c.get("Mounts");
      if (mounts != null && mounts.isArray()) {
        for (JsonValue mount : mounts.asArray()) {
          if (mount.isObject() && mount.asObject().get("Source") != null) {
            mount.asObject().set("Source", REDACTED);
          }
        }
      }
      JsonValue hostConfig = c.get("HostConfig");
      if (hostConfig != null && hostConfig.isObject()) {
        JsonValue binds = hostConfig.asObject().get("Binds");
        if (binds != null && binds.isArray()) {
          JsonArray redacted = new JsonArray();
          for (JsonValue bind : binds.asArray()) {
            String text = bind.isString() ? bind.asString() : "";
            int colon = text.indexOf(':');
            redacted.add(colon < 0 ? REDACTED : REDACTED + text.substring(colon));
          }
          hostConfig.asObject().set("Binds", redacted);
        }
      }
    }
    if (policy.networkTopology()) {
      JsonValue settings = c.get("NetworkSettings");
      if (settings != null && settings.isObject()) {
        scrubAddresses(settings.asObject());
        JsonValue networks = settings.asObject().get("Networks");
        if (networks != null && networks.isObject()) {
          for (JsonObject.Member member : networks.asObject()) {
            if (member.getValue().isObject()) {
              scrubAddresses(member.getValue().asObject());
            }
          }
        }
      }
    }
  }

  private static void network(JsonObject n) {
    JsonValue ipam = n.get("IPAM");
    if (ipam != null && ipam.isObject()) {
      JsonValue configs = ipam.asObject().get("Config");
      if (configs != null && configs.isArray()) {
        for (JsonValue config : configs.asArray()) {
          if (config.isObject()) {
            for (String field : List.of("Subnet", "IPRange", "Gateway")) {
              if (config.asObject().get(field) != null) {
                config.asObject().set(field, REDACTED);
              }
            }
          }
        }
      }
    }
    JsonValue containers = n.get("Containers");
    if (containers != null && containers.isObject()) {
      for (JsonObject.Member member : containers.asObject()) {
        if (member.getValue().isObject()) {
          scrubAddresses(member.getValue().asObject());
        }
      }
    }
  }

  private static void scrubAddresses(JsonObject object) {
    for (String field : ADDRESS_FIELDS) {
      JsonValue value = object.get(field);
      if (value != null && !value.isNull() && !(value.isString() && value.asString().isEmpty())) {
        object.set(field, REDACTED);
      }
    }
  }
}
