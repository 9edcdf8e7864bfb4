package io.sockguard.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Reads {@code [request_body]} and its sub-tables, which hold lists and so do not fit the scalar {@link Key}s. Like the
 * rules, they are policy and cannot be set from the environment. Every default lives in {@link #FIELDS}.
 */
final class RequestBodyReader {

  static final String TABLE = "request_body";

  /** Largest accepted {@code max_bytes}: bodies are buffered whole to be inspected. */
  static final long MAX_MAX_BYTES = 64L << 20;

  private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z0-9_]+");

  private enum Type {
    FLAG("true or false"),
    SIZE("an integer number of bytes from 1 to " + MAX_MAX_BYTES),
    TEXTS("an array of strings"),
    ARGVS("an array of arrays of strings, each one argv like [\"sh\", \"-c\", \"date\"]");

    final String expected;

    Type(String expected) {
      this.expected = expected;
    }
  }

  /** One key: path below {@code request_body}, type, default and, for lists, how each element is checked. */
  private record Field(String path, Type type, Object defaultValue, UnaryOperator<String> element, String expected) {

    static Field flag(String path, boolean defaultValue) {
      return new Field(path, Type.FLAG, defaultValue, s -> s, Type.FLAG.expected);
    }

    static Field texts(String path, List<String> defaultValue, UnaryOperator<String> element, String expected) {
      return new Field(path, Type.TEXTS, defaultValue, element, expected);
    }
  }

  private static final String CC = "container_create.";
  private static final String HOST_PATH = "an array of absolute host paths without \"..\", like [\"/srv/data\"]";

  private static final List<Field> FIELDS =
      List.of(
          new Field("max_bytes", Type.SIZE, 1L << 20, s -> s, Type.SIZE.expected),
          Field.flag("insecure_allow_body_blind_writes", false),
          Field.flag(CC + "allow_privileged", false),
          Field.flag(CC + "allow_host_network", false),
          Field.flag(CC + "allow_host_pid", false),
          Field.flag(CC + "allow_host_ipc", false),
          Field.flag(CC + "allow_host_uts", false),
          Field.flag(CC + "allow_host_userns", false),
          Field.flag(CC + "allow_host_cgroupns", false),
          Field.flag(CC + "restrict_namespace_sharing", true),
          Field.texts(CC + "allowed_bind_mounts", List.of(), RequestBodyReader::hostPath, HOST_PATH),
          Field.texts(CC + "allowed_devices", List.of(), RequestBodyReader::hostPath, HOST_PATH),
          Field.flag(CC + "allow_all_devices", false),
          Field.flag(CC + "allow_device_requests", false),
          Field.texts(
              CC + "allowed_capabilities",
              List.of(),
              RequestBodyReader::capability,
              "an array of capability names like [\"NET_ADMIN\"] (CAP_ prefix optional)"),
          Field.flag(CC + "allow_all_capabilities", false),
          Field.flag(CC + "allow_sysctls", false),
          Field.texts(CC + "allowed_runtimes", List.of("runc"), RequestBodyReader::nonEmpty, "an array of runtime names"),
          Field.flag(CC + "deny_unconfined_seccomp", true),
          Field.flag(CC + "deny_unconfined_apparmor", true),
          Field.flag(CC + "deny_selinux_disable", true),
          Field.flag(CC + "deny_unconfined_system_paths", true),
          Field.flag(CC + "require_no_new_privileges", false),
          Field.flag(CC + "require_non_root_user", false),
          Field.flag(CC + "require_readonly_rootfs", false),
          Field.flag(CC + "require_drop_all_capabilities", false),
          Field.flag(CC + "require_memory_limit", false),
          Field.flag(CC + "require_pids_limit", false),
          Field.texts(
              CC + "required_labels",
              List.of(),
              RequestBodyReader::label,
              "an array of label selectors like [\"team\", \"env=prod\"]"),
          Field.flag("exec.allow_privileged", false),
          Field.flag("exec.allow_root_user", true),
          new Field("exec.allowed_commands", Type.ARGVS, List.of(), RequestBodyReader::nonNull, Type.ARGVS.expected),
          Field.texts(
              "exec.allowed_env_vars", List.of(), RequestBodyReader::envName, "an array of variable names like [\"TERM\"]"),
          Field.flag("image_pull.allow_all_registries", false),
          Field.flag("image_pull.allow_official", true),
          Field.texts(
              "image_pull.allowed_registries",
              List.of(),
              RequestBodyReader::registry,
              "an array of registries or repository prefixes like [\"ghcr.io\", \"docker.io/myorg\"]"),
          Field.flag("image_pull.allow_imports", false),
          Field.flag("build.allow_remote_context", false),
          Field.flag("build.allow_host_network", false));

  /** Every key's full dotted path, in reference-file order. */
  static final List<String> KEYS = FIELDS.stream().map(f -> TABLE + "." + f.path()).toList();

  /** Allowed names per table below {@code request_body} ({@code ""} is {@code [request_body]} itself). */
  private static final Map<String, Set<String>> TABLES = tables();

  private final Problems problems;
  private final Map<String, Object> values = new LinkedHashMap<>();

  private RequestBodyReader(Problems problems) {
    this.problems = problems;
    FIELDS.forEach(f -> values.put(f.path(), f.defaultValue()));
  }

  static RequestBodyConfig read(TomlTable root, Problems problems) {
    RequestBodyReader reader = new RequestBodyReader(problems);
    Object table = root.get(List.of(TABLE));
    if (table instanceof TomlTable requestBody) {
      reader.readTable(requestBody, "");
    } else if (table != null) {
      problems.invalid(TABLE, problems.locate(root, TABLE), "a table [" + TABLE + "]", table, null);
    }
    return reader.build();
  }

  private void readTable(TomlTable table, String prefix) {
    Set<String> allowed = TABLES.get(prefix);
    for (String name : ShapeCheck.inFileOrder(table)) {
      String path = prefix + name;
      String key = TABLE + "." + path;
      String location = problems.locate(table, name);
      Object raw = table.get(List.of(name));
      if (!allowed.contains(name)) {
        problems.add(key, location, Problems.unknownKey(name, "in [" + TABLE + tableSuffix(prefix) + "]", allowed));
      } else if (TABLES.containsKey(path + ".")) {
        if (raw instanceof TomlTable child) {
          readTable(child, path + ".");
        } else {
          problems.invalid(key, location, "a table [" + key + "]", raw, null);
        }
      } else {
        Field field = FIELDS.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
        Object value = readValue(field, key, location, raw);
        if (value != null) {
          values.put(path, value);
        }
      }
    }
  }

  /** The value, or null after reporting why it is unusable. */
  private Object readValue(Field field, String key, String location, Object raw) {
    return switch (field.type()) {
      case FLAG -> {
        if (raw instanceof Boolean flag) {
          yield flag;
        }
        problems.invalid(key, location, field.expected(), raw, null);
        yield null;
      }
      case SIZE -> {
        if (raw instanceof Long size && size >= 1 && size <= MAX_MAX_BYTES) {
          yield size;
        }
        problems.invalid(key, location, field.expected(), raw, null);
        yield null;
      }
      case TEXTS -> texts(field, key, location, raw);
      case ARGVS -> {
        if (!(raw instanceof TomlArray array)) {
          problems.invalid(key, location, field.expected(), raw, null);
          yield null;
        }
        List<List<String>> argvs = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
          List<String> argv = texts(field, key + "[" + i + "]", location, array.get(i));
          if (argv == null) {
            yield null;
          }
          if (argv.isEmpty()) {
            problems.add(key + "[" + i + "]", location, "an allowed command needs at least the program name");
            yield null;
          }
          argvs.add(argv);
        }
        yield List.copyOf(argvs);
      }
    };
  }

  private List<String> texts(Field field, String key, String location, Object raw) {
    if (!(raw instanceof TomlArray array)) {
      problems.invalid(key, location, field.expected(), raw, null);
      return null;
    }
    List<String> texts = new ArrayList<>();
    boolean valid = true;
    for (int i = 0; i < array.size(); i++) {
      Object element = array.get(i);
      try {
        if (!(element instanceof String text)) {
          throw new IllegalArgumentException("element " + i + " is " + Problems.describe(element));
        }
        texts.add(field.element().apply(text));
      } catch (IllegalArgumentException e) {
        problems.invalid(key, location, field.expected(), element, e.getMessage());
        valid = false;
      }
    }
    return valid ? List.copyOf(texts) : null;
  }

  @SuppressWarnings("unchecked") // each value has its field's type, checked on the way in
  private <T> T get(String path) {
    return (T) values.get(path);
  }

  private boolean flag(String path) {
    return this.<Boolean>get(path);
  }

  private RequestBodyConfig build() {
    return new RequestBodyConfig(
        this.<Long>get("max_bytes"),
        flag("insecure_allow_body_blind_writes"),
        new RequestBodyConfig.ContainerCreate(
            flag(CC + "allow_privileged"),
            flag(CC + "allow_host_network"),
            flag(CC + "allow_host_pid"),
            flag(CC + "allow_host_ipc"),
            flag(CC + "allow_host_uts"),
            flag(CC + "allow_host_userns"),
            flag(CC + "allow_host_cgroupns"),
            flag(CC + "restrict_namespace_sharing"),
            get(CC + "allowed_bind_mounts"),
            get(CC + "allowed_devices"),
            flag(CC + "allow_all_devices"),
            flag(CC + "allow_device_requests"),
            get(CC + "allowed_capabilities"),
            flag(CC + "allow_all_capabilities"),
            flag(CC + "allow_sysctls"),
            get(CC + "allowed_runtimes"),
            flag(CC + "deny_unconfined_seccomp"),
            flag(CC + "deny_unconfined_apparmor"),
            flag(CC + "deny_selinux_disable"),
            flag(CC + "deny_unconfined_system_paths"),
            flag(CC + "require_no_new_privileges"),
            flag(CC + "require_non_root_user"),
            flag(CC + "require_readonly_rootfs"),
            flag(CC + "require_drop_all_capabilities"),
            flag(CC + "require_memory_limit"),
            flag(CC + "require_pids_limit"),
            get(CC + "required_labels")),
        new RequestBodyConfig.Exec(
            flag("exec.allow_privileged"),
            flag("exec.allow_root_user"),
            get("exec.allowed_commands"),
            get("exec.allowed_env_vars")),
        new RequestBodyConfig.ImagePull(
            flag("image_pull.allow_all_registries"),
            flag("image_pull.allow_official"),
            get("image_pull.allowed_registries"),
            flag("image_pull.allow_imports")),
        new RequestBodyConfig.Build(flag("build.allow_remote_context"), flag("build.allow_host_network")));
  }

  private static String tableSuffix(String prefix) {
    return prefix.isEmpty() ? "" : "." + prefix.substring(0, prefix.length() - 1);
  }

  /** Table prefixes ({@code ""}, {@code "exec."}) to the names allowed in them, in declaration order. */
  private static Map<String, Set<String>> tables() {
    Map<String, Set<String>> tables = new LinkedHashMap<>();
    tables.put("", new LinkedHashSet<>());
    for (Field field : FIELDS) {
      int dot = field.path().indexOf('.');
      if (dot < 0) {
        tables.get("").add(field.path());
      } else {
        String sub = field.path().substring(0, dot);
        tables.get("").add(sub);
        tables.computeIfAbsent(sub + ".", t -> new LinkedHashSet<>()).add(field.path().substring(dot + 1));
      }
    }
    tables.replaceAll((prefix, names) -> Collections.unmodifiableSet(names));
    return Collections.unmodifiableMap(tables);
  }

  private static String hostPath(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("not absolute");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("\"..\" is not allowed");
      }
    }
    if (path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("contains NUL");
    }
    return path;
  }

  private static String capability(String name) {
    if (!CAPABILITY.matcher(name).matches()) {
      throw new IllegalArgumentException("letters, digits and _ only");
    }
    if (name.equalsIgnoreCase("ALL") || name.equalsIgnoreCase("CAP_ALL")) {
      throw new IllegalArgumentException("use allow_all_capabilities = true to allow every capability");
    }
    return name;
  }

  private static String nonEmpty(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    return text;
  }

  private static String nonNull(String text) {
    return text;
  }

  private static String label(String selector) {
    if (selector.isEmpty() || selector.startsWith("=")) {
      throw new IllegalArgumentException("the label key is empty");
    }
    return selector;
  }

  private static String envName(String name) {
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      throw new IllegalArgumentException("a name without \"=\"");
    }
    return name;
  }

  private static String registry(String registry) {
    if (registry.isEmpty() || registry.contains("://") || registry.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a registry host like ghcr.io, optionally with a path");
    }
    return registry;
  }
}
