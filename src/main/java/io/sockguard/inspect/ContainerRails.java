package io.sockguard.inspect;

import io.sockguard.config.RequestBodyConfig;
import java.util.List;
import java.util.Set;

/**
 * The {@code [request_body.container_create]} rails over Docker's container shapes: {@code HostConfig} (create,
 * update), the create body around it, and the swarm {@code ContainerSpec}. Each check throws {@link BodyRefusal} at the
 * first problem. Thread-safe: holds only immutable settings and a thread-safe {@link BindMountCheck}.
 */
final class ContainerRails {

  static final String KEY = "request_body.container_create.";

  private final RequestBodyConfig.ContainerCreate settings;
  private final Set<String> allowedCapabilities;
  private final BindMountCheck bindMounts;

  ContainerRails(RequestBodyPolicy policy, BindMountCheck bindMounts) {
    this.settings = policy.config().containerCreate();
    this.allowedCapabilities = policy.allowedCapabilities();
    this.bindMounts = bindMounts;
  }

  /**
   * {@code POST /containers/create}. dockerd decodes the body into a wrapper that embeds a second, deprecated
   * {@code HostConfig} at the top level and uses it when the {@code HostConfig} member is absent or null. So the deny
   * rails run on both the member and the top level, and the requirements on whichever the daemon will use.
   */
  void checkCreate(InspectedJson body) {
    requireObject(body);
    InspectedJson inner = body.member("HostConfig");
    checkHostConfig(body);
    checkHostConfig(inner);
    for (String network : body.member("NetworkingConfig").member("EndpointsConfig").entries().keySet()) {
      if (network.equals("host") && !settings.allowHostNetwork()) {
        throw refuse(body.member("NetworkingConfig").member("EndpointsConfig").entry(network), "the host network",
            "allow_host_network");
      }
    }
    InspectedJson effective = inner.isObject() ? inner : body;
    SecurityOptions security = SecurityOptions.parse(effective.member("SecurityOpt"));
    require(settings.requireNoNewPrivileges(), security.noNewPrivileges(), effective.member("SecurityOpt"),
        "no-new-privileges", "require_no_new_privileges");
    requireNonRoot(body.member("User"));
    require(settings.requireReadonlyRootfs(), effective.member("ReadonlyRootfs").flag(),
        effective.member("ReadonlyRootfs"), "a read-only root filesystem", "require_readonly_rootfs");
    requireDropAll(effective.member("CapDrop"));
    // getHostConfig copies the top-level Memory into the inner HostConfig when the inner one has none.
    long memory = effective.member("Memory").integer(0);
    if (memory == 0 && effective != body) {
      memory = body.member("Memory").integer(0);
    }
    require(settings.requireMemoryLimit(), memory > 0, effective.member("Memory"), "a memory limit",
        "require_memory_limit");
    require(settings.requirePidsLimit(), effective.member("PidsLimit").integer(0) > 0, effective.member("PidsLimit"),
        "a pids limit", "require_pids_limit");
    requireLabels(body.member("Labels"));
  }

  /** {@code POST /containers/{id}/update}: the resource fields it shares with create. */
  void checkUpdate(InspectedJson body) {
    requireObject(body);
    checkDevices(body);
    InspectedJson memory = body.member("Memory");
    // Zero leaves the current limit in place; only a negative value could remove it.
    require(settings.requireMemoryLimit(), memory.integer(0) >= 0, memory, "a memory limit", "require_memory_limit");
    InspectedJson pids = body.member("PidsLimit");
    require(settings.requirePidsLimit(), !pids.isPresent() || pids.integer(0) > 0, pids, "a pids limit",
        "require_pids_limit");
  }

  /**
   * {@code POST /containers/{id}/start}: API versions before 1.24 accept a {@code HostConfig} here, which would skip
   * every create rail, so only an empty body or {@code {}} passes.
   */
  static void checkStart(byte[] body) {
    if (body.length == 0) {
      return;
    }
    InspectedJson parsed = InspectedJson.parse(body);
    if (!parsed.isObject() || !parsed.entries().isEmpty()) {
      throw parsed.refuse("a body on container start is the pre-1.24 HostConfig form, which sockguard refuses");
    }
  }

  /** The deny rails that apply wherever a {@code HostConfig} is decoded. */
  void checkHostConfig(InspectedJson hc) {
    if (!hc.isPresent()) {
      return;
    }
    requireObject(hc);
    if (hc.member("Privileged").flag() && !settings.allowPrivileged()) {
      throw refuse(hc.member("Privileged"), "privileged containers", "allow_privileged");
    }
    namespace(hc.member("NetworkMode"), settings.allowHostNetwork(), "allow_host_network");
    namespace(hc.member("PidMode"), settings.allowHostPid(), "allow_host_pid");
    namespace(hc.member("IpcMode"), settings.allowHostIpc(), "allow_host_ipc");
    namespace(hc.member("UTSMode"), settings.allowHostUts(), "allow_host_uts");
    namespace(hc.member("UsernsMode"), settings.allowHostUserns(), "allow_host_userns");
    namespace(hc.member("CgroupnsMode"), settings.allowHostCgroupns(), "allow_host_cgroupns");
    namespace(hc.member("Cgroup"), true, "restrict_namespace_sharing"); // only container:<id> is a join
    if (!hc.member("VolumesFrom").elements().isEmpty() && settings.restrictNamespaceSharing()) {
      throw refuse(hc.member("VolumesFrom"), "--volumes-from (its mounts are not visible to sockguard)",
          "restrict_namespace_sharing = false");
    }
    for (InspectedJson bind : hc.member("Binds").elements()) {
      checkBind(bind);
    }
    for (InspectedJson mount : hc.member("Mounts").elements()) {
      checkMount(mount);
    }
    checkDevices(hc);
    checkCapabilities(hc.member("CapAdd"));
    checkCapabilities(hc.member("Capabilities"));
    checkSysctls(hc.member("Sysctls"));
    String runtime = hc.member("Runtime").string("");
    if (!runtime.isEmpty() && !settings.allowedRuntimes().contains(runtime)) {
      throw new BodyRefusal(hc.member("Runtime").path(),
          "runtime " + InspectedJson.quote(runtime) + " is not in " + KEY + "allowed_runtimes");
    }
    checkSecurity(SecurityOptions.parse(hc.member("SecurityOpt")), hc.member("SecurityOpt"));
    if (settings.denyUnconfinedSystemPaths()) {
      for (String field : List.of("MaskedPaths", "ReadonlyPaths")) {
        // null keeps Docker's defaults; [] (what systempaths=unconfined sends) or any custom list weakens them.
        if (hc.member(field).isPresent()) {
          throw new BodyRefusal(hc.member(field).path(), "custom or unconfined system paths are refused ("
              + KEY + "deny_unconfined_system_paths = true)");
        }
      }
    }
  }

  /** The swarm {@code ContainerSpec} rails, plus the task's resources and networks, of a service spec. */
  void checkService(InspectedJson spec, boolean allowBlindWrites) {
    requireObject(spec);
    InspectedJson task = spec.member("TaskTemplate");
    if ((task.member("PluginSpec").isPresent() || task.member("Runtime").string("").equals("plugin"))
        && !allowBlindWrites) {
      throw new BodyRefusal(task.member("PluginSpec").path(),
          "plugin services install plugins with privileges sockguard does not inspect"
              + " (request_body.insecure_allow_body_blind_writes = false)");
    }
    for (InspectedJson networks : List.of(task.member("Networks"), spec.member("Networks"))) {
      for (InspectedJson network : networks.elements()) {
        if (network.member("Target").string("").equals("host") && !settings.allowHostNetwork()) {
          throw refuse(network.member("Target"), "the host network", "allow_host_network");
        }
      }
    }
    InspectedJson container = task.member("ContainerSpec");
    for (InspectedJson mount : container.member("Mounts").elements()) {
      checkMount(mount);
    }
    checkCapabilities(container.member("CapabilityAdd"));
    checkSysctls(container.member("Sysctls"));
    InspectedJson privileges = container.member("Privileges");
    InspectedJson seccomp = privileges.member("Seccomp").member("Mode");
    if (!seccomp.string("default").equals("default") && settings.denyUnconfinedSeccomp()) {
      throw new BodyRefusal(seccomp.path(), "seccomp mode " + InspectedJson.quote(seccomp.string("")) + " is refused ("
          + KEY + "deny_unconfined_seccomp = true)");
    }
    InspectedJson apparmor = privileges.member("AppArmor").member("Mode");
    if (apparmor.string("").equals("disabled") && settings.denyUnconfinedApparmor()) {
      throw new BodyRefusal(apparmor.path(), "AppArmor disabled is refused (" + KEY + "deny_unconfined_apparmor = true)");
    }
    InspectedJson selinux = privileges.member("SELinuxContext");
    if (settings.denySelinuxDisable()
        && (selinux.member("Disable").flag() || isUnconfinedSelinuxType(selinux.member("Type").string("")))) {
      throw new BodyRefusal(selinux.path(), "disabling SELinux is refused (" + KEY + "deny_selinux_disable = true)");
    }
    require(settings.requireNoNewPrivileges(), privileges.member("NoNewPrivileges").flag(),
        privileges.member("NoNewPrivileges"), "no-new-privileges", "require_no_new_privileges");
    requireNonRoot(container.member("User"));
    require(settings.requireReadonlyRootfs(), container.member("ReadOnly").flag(), container.member("ReadOnly"),
        "a read-only root filesystem", "require_readonly_rootfs");
    requireDropAll(container.member("CapabilityDrop"));
    InspectedJson limits = task.member("Resources").member("Limits");
    require(settings.requireMemoryLimit(), limits.member("MemoryBytes").integer(0) > 0, limits.member("MemoryBytes"),
        "a memory limit", "require_memory_limit");
    require(settings.requirePidsLimit(), limits.member("Pids").integer(0) > 0, limits.member("Pids"), "a pids limit",
        "require_pids_limit");
    requireLabels(container.member("Labels"));
  }

  /**
   * {@code POST /volumes/create}: the local driver mounts {@code device} with {@code type} and {@code o}, which with
   * {@code o=bind} (or a host block device) hands the host path to every container that mounts the volume.
   */
  void checkVolumeCreate(InspectedJson body) {
    requireObject(body);
    checkVolumeDriver(body.member("Driver").string(""), body.member("DriverOpts"));
  }

  private void checkBind(InspectedJson bind) {
    String spec = bind.string("");
    String[] parts = spec.split(":", -1);
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw bind.refuse("bind " + InspectedJson.quote(spec) + " is not source:target[:options]");
    }
    // One part is an anonymous volume at that container path; a source without a leading '/' names a volume.
    if (parts.length >= 2 && parts[0].startsWith("/")) {
      bindMounts.check(parts[0], settings.allowedBindMounts(), bind.path(), KEY + "allowed_bind_mounts");
    }
  }

  private void checkMount(InspectedJson mount) {
    requireObject(mount);
    InspectedJson type = mount.member("Type");
    InspectedJson source = mount.member("Source");
    switch (type.string("")) {
      case "bind" -> bindMounts.check(source.string(""), settings.allowedBindMounts(), source.path(),
          KEY + "allowed_bind_mounts");
      case "volume" -> {
        if (source.string("").startsWith("/")) {
          bindMounts.check(source.string(""), settings.allowedBindMounts(), source.path(), KEY + "allowed_bind_mounts");
        }
        InspectedJson driver = mount.member("VolumeOptions").member("DriverConfig");
        checkVolumeDriver(driver.member("Name").string(""), driver.member("Options"));
      }
      case "tmpfs", "npipe", "cluster" -> {}
      default -> throw type.refuse("mount type " + InspectedJson.quote(type.string("")) + " is not one sockguard knows");
    }
  }

  /** Options are a Go map: their names are exact, unlike struct fields. */
  private void checkVolumeDriver(String driver, InspectedJson options) {
    if (!driver.isEmpty() && !driver.equals("local")) {
      return; // a plugin driver, installed by the operator, judges its own options
    }
    InspectedJson device = options.entry("device");
    if (!device.isPresent()) {
      return;
    }
    String path = device.string("");
    boolean bind = false;
    for (String option : options.entry("o").string("").split(",")) {
      bind |= option.equals("bind") || option.equals("rbind");
    }
    if (bind || path.startsWith("/")) {
      bindMounts.check(path, settings.allowedBindMounts(), device.path(), KEY + "allowed_bind_mounts");
    }
  }

  private void checkDevices(InspectedJson resources) {
    if (settings.allowAllDevices()) {
      return;
    }
    for (InspectedJson device : resources.member("Devices").elements()) {
      InspectedJson path = device.member("PathOnHost");
      bindMounts.check(path.string(""), settings.allowedDevices(), path.path(), KEY + "allowed_devices");
    }
    if (!resources.member("DeviceCgroupRules").elements().isEmpty()) {
      throw refuse(resources.member("DeviceCgroupRules"), "device cgroup rules", "allow_all_devices");
    }
    if (!resources.member("DeviceRequests").elements().isEmpty() && !settings.allowDeviceRequests()) {
      throw refuse(resources.member("DeviceRequests"), "device requests (--gpus)", "allow_device_requests");
    }
  }

  private void checkCapabilities(InspectedJson added) {
    if (settings.allowAllCapabilities()) {
      return;
    }
    for (InspectedJson element : added.elements()) {
      String capability = Capabilities.normalize(element.string(""));
      if (capability.equals(Capabilities.ALL)) {
        throw refuse(element, "adding ALL capabilities", "allow_all_capabilities");
      }
      if (!allowedCapabilities.contains(capability)) {
        throw new BodyRefusal(element.path(), "capability " + capability + " is not in " + KEY + "allowed_capabilities");
      }
    }
  }

  private void checkSysctls(InspectedJson sysctls) {
    if (!sysctls.entries().isEmpty() && !settings.allowSysctls()) {
      throw refuse(sysctls, "sysctls", "allow_sysctls");
    }
  }

  private void checkSecurity(SecurityOptions security, InspectedJson at) {
    if (settings.denyUnconfinedSeccomp() && !(security.seccomp().isEmpty() || security.seccomp().equals("builtin"))) {
      throw new BodyRefusal(at.path(), (security.seccomp().equals("unconfined") ? "seccomp=unconfined" :
          "a custom seccomp profile (it may allow every syscall)") + " is refused (" + KEY
          + "deny_unconfined_seccomp = true)");
    }
    if (settings.denyUnconfinedApparmor() && security.apparmor().equals("unconfined")) {
      throw new BodyRefusal(at.path(), "apparmor=unconfined is refused (" + KEY + "deny_unconfined_apparmor = true)");
    }
    if (settings.denySelinuxDisable()) {
      for (String label : security.labels()) {
        if (label.equals("disable") || label.startsWith("type:") && isUnconfinedSelinuxType(label.substring(5))) {
          throw new BodyRefusal(at.path(), "label=" + label + " is refused (" + KEY + "deny_selinux_disable = true)");
        }
      }
    }
  }

  /** SELinux types that are unconfined by design: spc_t ("super privileged container") and unconfined_t. */
  private static boolean isUnconfinedSelinuxType(String type) {
    return type.equals("spc_t") || type.equals("unconfined_t");
  }

  private void namespace(InspectedJson mode, boolean allowHost, String setting) {
    String value = mode.string("");
    if (value.equals("host") && !allowHost) {
      throw refuse(mode, "the host's " + mode.path().substring(mode.path().lastIndexOf('.') + 1) + " namespace",
          setting);
    }
    if (value.startsWith("container:") && settings.restrictNamespaceSharing()) {
      throw new BodyRefusal(mode.path(), "joining another container's namespace is refused (" + KEY
          + "restrict_namespace_sharing = true)");
    }
  }

  private void requireNonRoot(InspectedJson user) {
    require(settings.requireNonRootUser(), UserSpec.isProvablyNonRoot(user.string("")), user,
        "a numeric non-zero user ID (names resolve inside the image, and 0, 00 and root are root)",
        "require_non_root_user");
  }

  private void requireDropAll(InspectedJson dropped) {
    boolean all = false;
    for (InspectedJson element : dropped.elements()) {
      all |= Capabilities.normalize(element.string("")).equals(Capabilities.ALL);
    }
    require(settings.requireDropAllCapabilities(), all, dropped, "--cap-drop ALL", "require_drop_all_capabilities");
  }

  private void requireLabels(InspectedJson labels) {
    for (String selector : settings.requiredLabels()) {
      int eq = selector.indexOf('=');
      String key = eq < 0 ? selector : selector.substring(0, eq);
      InspectedJson value = labels.entry(key);
      if (!value.isPresent() || eq >= 0 && !value.string("").equals(selector.substring(eq + 1))) {
        throw new BodyRefusal(labels.path(), "label " + InspectedJson.quote(selector) + " is required (" + KEY
            + "required_labels)");
      }
    }
  }

  private static void require(boolean required, boolean satisfied, InspectedJson at, String what, String setting) {
    if (required && !satisfied) {
      throw new BodyRefusal(at.path(), what + " is required (" + KEY + setting + " = true)");
    }
  }

  private static void requireObject(InspectedJson value) {
    if (!value.isObject()) {
      throw value.refuse("expected a JSON object");
    }
  }

  private static BodyRefusal refuse(InspectedJson at, String what, String setting) {
    String key = setting.contains(" = ") ? setting : setting + " = false";
    return new BodyRefusal(at.path(), "refused: " + what + " (" + KEY + key + ")");
  }
}
