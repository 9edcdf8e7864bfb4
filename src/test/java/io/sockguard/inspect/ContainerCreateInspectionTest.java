package io.sockguard.inspect;

import static io.sockguard.inspect.Bodies.json;
import static io.sockguard.inspect.Bodies.path;
import static io.sockguard.inspect.Bodies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sockguard.policy.ReasonCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The container create rails, one table per rail: the denied body, its allowed twin, and the evasions a client would
 * try. A row's last column is the field the refusal names, or null when the body must pass.
 */
class ContainerCreateInspectionTest {

  private static final FakeHostFilesystem HOST =
      new FakeHostFilesystem()
          .directory("/srv/data/sub")
          .directory("/srv/database")
          .directory("/etc")
          .directory("/dev")
          .link("/srv/data/root", "/")
          .link("/srv/data/etc", "/etc")
          .link("/srv/alias", "/srv/data")
          .link("/srv/data/dangling", "/nowhere/at/all")
          .link("/dev/fuse-link", "/dev/sda");

  private static final BodyInspector INSPECTOR = new BodyInspector(HOST);

  private static Arguments row(String name, String body, String deniedField) {
    return Arguments.of(name, body, deniedField);
  }

  static Stream<Arguments> privileged() {
    return Stream.of(
        row("privileged", "{'HostConfig':{'Privileged':true}}", "HostConfig.Privileged"),
        row("not privileged", "{'HostConfig':{'Privileged':false}}", null),
        row("privileged null", "{'HostConfig':{'Privileged':null}}", null),
        row("lower-case keys", "{'hostconfig':{'privileged':true}}", "HostConfig.Privileged"),
        row("upper-case keys", "{'HOSTCONFIG':{'PRIVILEGED':true}}", "HostConfig.Privileged"),
        row("escaped P", "{'HostConfig':{'\\u0050rivileged':true}}", "HostConfig.Privileged"),
        row("escaped key of parent", "{'Host\\u0043onfig':{'Privileged':true}}", "HostConfig.Privileged"),
        row("deprecated top-level HostConfig", "{'Image':'x','Privileged':true}", "Privileged"),
        row("top level beside null HostConfig", "{'HostConfig':null,'Privileged':true}", "Privileged"),
        row("top level beside inner HostConfig", "{'HostConfig':{},'Privileged':true}", "Privileged"),
        row("exact duplicate, true first", "{'HostConfig':{'Privileged':true,'Privileged':false}}",
            "HostConfig.Privileged"),
        row("exact duplicate, true last", "{'HostConfig':{'Privileged':false,'Privileged':true}}",
            "HostConfig.Privileged"),
        row("duplicate differing in case", "{'HostConfig':{'privileged':false,'PRIVILEGED':true}}",
            "HostConfig.PRIVILEGED"),
        row("duplicate by escape", "{'HostConfig':{'Privileged':false,'\\u0050rivileged':true}}",
            "HostConfig.Privileged"),
        row("duplicate parent object", "{'HostConfig':{'Privileged':true},'hostConfig':{}}", "hostConfig"),
        row("dotless i is another name to Go", "{'HostConfig':{'Pr\u0131vileged':true}}", null),
        row("dotted capital I is another name to Go", "{'HostConfig':{'PR\u0130VILEGED':true}}", null),
        row("string instead of boolean", "{'HostConfig':{'Privileged':'true'}}", "HostConfig.Privileged"),
        row("HostConfig not an object", "{'HostConfig':[]}", "HostConfig"),
        row("body not an object", "[]", ""));
  }

  static Stream<Arguments> namespaces() {
    return Stream.of(
        row("host network", "{'HostConfig':{'NetworkMode':'host'}}", "HostConfig.NetworkMode"),
        row("bridge network", "{'HostConfig':{'NetworkMode':'bridge'}}", null),
        row("user network", "{'HostConfig':{'NetworkMode':'backend'}}", null),
        row("lower-case field", "{'HostConfig':{'networkmode':'host'}}", "HostConfig.NetworkMode"),
        row("another container's network", "{'HostConfig':{'NetworkMode':'container:abc'}}", "HostConfig.NetworkMode"),
        row("host in endpoints config", "{'NetworkingConfig':{'EndpointsConfig':{'host':{}}}}",
            "NetworkingConfig.EndpointsConfig[\"host\"]"),
        row("user network in endpoints config", "{'NetworkingConfig':{'EndpointsConfig':{'backend':{}}}}", null),
        row("host pid", "{'HostConfig':{'PidMode':'host'}}", "HostConfig.PidMode"),
        row("another container's pid", "{'HostConfig':{'PidMode':'container:abc'}}", "HostConfig.PidMode"),
        row("host ipc", "{'HostConfig':{'IpcMode':'host'}}", "HostConfig.IpcMode"),
        row("shareable ipc", "{'HostConfig':{'IpcMode':'shareable'}}", null),
        row("another container's ipc", "{'HostConfig':{'IpcMode':'container:abc'}}", "HostConfig.IpcMode"),
        row("host uts", "{'HostConfig':{'UTSMode':'host'}}", "HostConfig.UTSMode"),
        row("host userns", "{'HostConfig':{'UsernsMode':'host'}}", "HostConfig.UsernsMode"),
        row("host cgroupns", "{'HostConfig':{'CgroupnsMode':'host'}}", "HostConfig.CgroupnsMode"),
        row("private cgroupns", "{'HostConfig':{'CgroupnsMode':'private'}}", null),
        row("another container's cgroup", "{'HostConfig':{'Cgroup':'container:abc'}}", "HostConfig.Cgroup"),
        row("volumes from another container", "{'HostConfig':{'VolumesFrom':['abc']}}", "HostConfig.VolumesFrom"),
        row("no volumes from", "{'HostConfig':{'VolumesFrom':[]}}", null));
  }

  static Stream<Arguments> bindMounts() {
    return Stream.of(
        row("root of the host", "{'HostConfig':{'Binds':['/:/host']}}", "HostConfig.Binds[0]"),
        row("allowed directory", "{'HostConfig':{'Binds':['/srv/data:/data']}}", null),
        row("below allowed directory, read-only", "{'HostConfig':{'Binds':['/srv/data/sub:/x:ro']}}", null),
        row("not yet existing below allowed", "{'HostConfig':{'Binds':['/srv/data/new/dir:/x']}}", null),
        row("named volume", "{'HostConfig':{'Binds':['cache:/cache']}}", null),
        row("anonymous volume", "{'HostConfig':{'Binds':['/cache']}}", null),
        row("second bind is the bad one", "{'HostConfig':{'Binds':['/srv/data:/d','/etc:/e']}}",
            "HostConfig.Binds[1]"),
        row("dot-dot out of allowed", "{'HostConfig':{'Binds':['/srv/data/../../etc:/x']}}", "HostConfig.Binds[0]"),
        row("dot-dot staying inside", "{'HostConfig':{'Binds':['/srv/data/sub/..:/x']}}", "HostConfig.Binds[0]"),
        row("doubled slashes and dots", "{'HostConfig':{'Binds':['//srv//data/./sub:/x']}}", null),
        row("symlink to / under allowed", "{'HostConfig':{'Binds':['/srv/data/root:/x']}}", "HostConfig.Binds[0]"),
        row("path through symlink to /", "{'HostConfig':{'Binds':['/srv/data/root/etc:/x']}}",
            "HostConfig.Binds[0]"),
        row("new path through symlink to /etc", "{'HostConfig':{'Binds':['/srv/data/etc/new:/x']}}",
            "HostConfig.Binds[0]"),
        row("dangling symlink", "{'HostConfig':{'Binds':['/srv/data/dangling:/x']}}", "HostConfig.Binds[0]"),
        row("symlink into allowed", "{'HostConfig':{'Binds':['/srv/alias/sub:/x']}}", null),
        row("sibling sharing the prefix", "{'HostConfig':{'Binds':['/srv/database:/x']}}", "HostConfig.Binds[0]"),
        row("too many colons", "{'HostConfig':{'Binds':['/srv/data:/x:ro:z']}}", "HostConfig.Binds[0]"),
        row("deprecated top-level Binds", "{'Binds':['/:/host']}", "Binds[0]"),
        row("mount of type bind", "{'HostConfig':{'Mounts':[{'Type':'bind','Source':'/','Target':'/h'}]}}",
            "HostConfig.Mounts[0].Source"),
        row("allowed mount of type bind",
            "{'HostConfig':{'Mounts':[{'Type':'bind','Source':'/srv/data','Target':'/d'}]}}", null),
        row("mount with lower-case keys", "{'HostConfig':{'mounts':[{'type':'bind','source':'/etc','target':'/h'}]}}",
            "HostConfig.Mounts[0].Source"),
        row("mount type in capitals is unknown",
            "{'HostConfig':{'Mounts':[{'Type':'BIND','Source':'/','Target':'/h'}]}}", "HostConfig.Mounts[0].Type"),
        row("named volume mount", "{'HostConfig':{'Mounts':[{'Type':'volume','Source':'v','Target':'/v'}]}}", null),
        row("tmpfs mount", "{'HostConfig':{'Mounts':[{'Type':'tmpfs','Target':'/t'}]}}", null),
        row("volume mount binding a host path through driver options",
            "{'HostConfig':{'Mounts':[{'Type':'volume','Source':'v','Target':'/v','VolumeOptions':{'DriverConfig':"
                + "{'Name':'local','Options':{'type':'none','o':'bind','device':'/'}}}}]}}",
            "HostConfig.Mounts[0].VolumeOptions.DriverConfig.Options[\"device\"]"),
        row("volume mount with default driver binding a host path",
            "{'HostConfig':{'Mounts':[{'Type':'volume','Target':'/v','VolumeOptions':{'DriverConfig':"
                + "{'Options':{'o':'rbind,ro','device':'/etc'}}}}]}}",
            "HostConfig.Mounts[0].VolumeOptions.DriverConfig.Options[\"device\"]"),
        row("volume mount binding an allowed path",
            "{'HostConfig':{'Mounts':[{'Type':'volume','Target':'/v','VolumeOptions':{'DriverConfig':"
                + "{'Options':{'o':'bind','device':'/srv/data/sub'}}}}]}}",
            null),
        row("volume mount on nfs", "{'HostConfig':{'Mounts':[{'Type':'volume','Target':'/v','VolumeOptions':"
            + "{'DriverConfig':{'Options':{'type':'nfs','o':'addr=10.0.0.1','device':':/export'}}}}]}}", null),
        row("volume mount with absolute source", "{'HostConfig':{'Mounts':[{'Type':'volume','Source':'/etc'}]}}",
            "HostConfig.Mounts[0].Source"));
  }

  static Stream<Arguments> devices() {
    return Stream.of(
        row("host disk", "{'HostConfig':{'Devices':[{'PathOnHost':'/dev/sda','PathInContainer':'/dev/sda'}]}}",
            "HostConfig.Devices[0].PathOnHost"),
        row("allowed device", "{'HostConfig':{'Devices':[{'PathOnHost':'/dev/fuse','PathInContainer':'/dev/fuse'}]}}",
            null),
        row("dot-dot to a disk", "{'HostConfig':{'Devices':[{'PathOnHost':'/dev/fuse/../sda'}]}}",
            "HostConfig.Devices[0].PathOnHost"),
        row("symlink to a disk", "{'HostConfig':{'Devices':[{'PathOnHost':'/dev/fuse-link'}]}}",
            "HostConfig.Devices[0].PathOnHost"),
        row("all of /dev", "{'HostConfig':{'Devices':[{'PathOnHost':'/dev'}]}}", "HostConfig.Devices[0].PathOnHost"),
        row("device cgroup rule", "{'HostConfig':{'DeviceCgroupRules':['c *:* rwm']}}", "HostConfig.DeviceCgroupRules"),
        row("device request", "{'HostConfig':{'DeviceRequests':[{'Count':-1,'Capabilities':[['gpu']]}]}}",
            "HostConfig.DeviceRequests"),
        row("empty device lists", "{'HostConfig':{'Devices':[],'DeviceCgroupRules':null,'DeviceRequests':[]}}", null));
  }

  static Stream<Arguments> capabilities() {
    return Stream.of(
        row("SYS_ADMIN", "{'HostConfig':{'CapAdd':['SYS_ADMIN']}}", "HostConfig.CapAdd[0]"),
        row("CAP_SYS_ADMIN", "{'HostConfig':{'CapAdd':['CAP_SYS_ADMIN']}}", "HostConfig.CapAdd[0]"),
        row("sys_admin", "{'HostConfig':{'CapAdd':['sys_admin']}}", "HostConfig.CapAdd[0]"),
        row("cap_ with long s", "{'HostConfig':{'CapAdd':['cap_\u017Fys_admin']}}", "HostConfig.CapAdd[0]"),
        row("ALL", "{'HostConfig':{'CapAdd':['ALL']}}", "HostConfig.CapAdd[0]"),
        row("all", "{'HostConfig':{'CapAdd':['all']}}", "HostConfig.CapAdd[0]"),
        row("allowed NET_ADMIN", "{'HostConfig':{'CapAdd':['NET_ADMIN']}}", null),
        row("allowed cap_net_admin", "{'HostConfig':{'CapAdd':['cap_net_admin']}}", null),
        row("Docker default CHOWN", "{'HostConfig':{'CapAdd':['CHOWN']}}", null),
        row("Capabilities list", "{'HostConfig':{'Capabilities':['CAP_SYS_ADMIN']}}", "HostConfig.Capabilities[0]"),
        row("sysctls", "{'HostConfig':{'Sysctls':{'net.ipv4.ip_forward':'1'}}}", "HostConfig.Sysctls"),
        row("no sysctls", "{'HostConfig':{'Sysctls':{}}}", null),
        row("unlisted runtime", "{'HostConfig':{'Runtime':'nvidia'}}", "HostConfig.Runtime"),
        row("runc", "{'HostConfig':{'Runtime':'runc'}}", null),
        row("default runtime", "{'HostConfig':{'Runtime':''}}", null));
  }

  static Stream<Arguments> confinement() {
    return Stream.of(
        row("seccomp unconfined", "{'HostConfig':{'SecurityOpt':['seccomp=unconfined']}}", "HostConfig.SecurityOpt"),
        row("seccomp unconfined, colon form", "{'HostConfig':{'SecurityOpt':['seccomp:unconfined']}}",
            "HostConfig.SecurityOpt"),
        row("custom seccomp profile", "{'HostConfig':{'SecurityOpt':['seccomp={\\'defaultAction\\':1}']}}",
            "HostConfig.SecurityOpt"),
        row("later builtin wins", "{'HostConfig':{'SecurityOpt':['seccomp=unconfined','seccomp=builtin']}}", null),
        row("later unconfined wins", "{'HostConfig':{'SecurityOpt':['seccomp=builtin','seccomp=unconfined']}}",
            "HostConfig.SecurityOpt"),
        row("long s in field name", "{'HostConfig':{'\u017FecurityOpt':['seccomp=unconfined']}}",
            "HostConfig.SecurityOpt"),
        row("apparmor unconfined", "{'HostConfig':{'SecurityOpt':['apparmor=unconfined']}}", "HostConfig.SecurityOpt"),
        row("apparmor profile", "{'HostConfig':{'SecurityOpt':['apparmor=docker-default']}}", null),
        row("label disable", "{'HostConfig':{'SecurityOpt':['label=disable']}}", "HostConfig.SecurityOpt"),
        row("label disable, colon form", "{'HostConfig':{'SecurityOpt':['label:disable']}}", "HostConfig.SecurityOpt"),
        row("bare disable", "{'HostConfig':{'SecurityOpt':['disable']}}", "HostConfig.SecurityOpt"),
        row("spc_t type", "{'HostConfig':{'SecurityOpt':['label=type:spc_t']}}", "HostConfig.SecurityOpt"),
        row("label level", "{'HostConfig':{'SecurityOpt':['label=level:s0:c100,c200']}}", null),
        row("no-new-privileges", "{'HostConfig':{'SecurityOpt':['no-new-privileges']}}", null),
        row("unknown option", "{'HostConfig':{'SecurityOpt':['writable-cgroups=true']}}", "HostConfig.SecurityOpt[0]"),
        row("systempaths unconfined", "{'HostConfig':{'MaskedPaths':[],'ReadonlyPaths':[]}}",
            "HostConfig.MaskedPaths"),
        row("custom masked paths", "{'HostConfig':{'MaskedPaths':['/proc/acpi']}}", "HostConfig.MaskedPaths"),
        row("empty readonly paths", "{'HostConfig':{'ReadonlyPaths':[]}}", "HostConfig.ReadonlyPaths"),
        row("Kelvin sign in field name", "{'HostConfig':{'Mas\u212AedPaths':[]}}", "HostConfig.MaskedPaths"),
        row("default system paths", "{'HostConfig':{'MaskedPaths':null,'ReadonlyPaths':null}}", null));
  }

  static Stream<Arguments> requirements() {
    String hc = "'SecurityOpt':['no-new-privileges'],'ReadonlyRootfs':true,'CapDrop':['ALL'],'Memory':67108864,"
        + "'PidsLimit':100";
    String labels = "'Labels':{'team':'a','env':'prod'}";
    return Stream.of(
        row("every requirement met", "{'User':'1000'," + labels + ",'HostConfig':{" + hc + "}}", null),
        row("met through the deprecated top level", "{'User':'1000'," + labels + "," + hc + "}", null),
        row("top-level Memory fills the inner one", "{'User':'1000:0'," + labels + ",'Memory':1,'HostConfig':{"
            + hc.replace("'Memory':67108864,", "") + "}}", null),
        row("no no-new-privileges", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("'no-new-privileges'", "'no-new-privileges=false'") + "}}", "HostConfig.SecurityOpt"),
        row("user 0", "{'User':'0'," + labels + ",'HostConfig':{" + hc + "}}", "User"),
        row("zero-padded user 00", "{'User':'00'," + labels + ",'HostConfig':{" + hc + "}}", "User"),
        row("user 0:0", "{'User':'0:0'," + labels + ",'HostConfig':{" + hc + "}}", "User"),
        row("signed user +0", "{'User':'+0'," + labels + ",'HostConfig':{" + hc + "}}", "User"),
        row("user root", "{'User':'root'," + labels + ",'HostConfig':{" + hc + "}}", "User"),
        row("user name, maybe root in the image", "{'User':'nobody'," + labels + ",'HostConfig':{" + hc + "}}",
            "User"),
        row("no user", "{" + labels + ",'HostConfig':{" + hc + "}}", "User"),
        row("writable rootfs", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("'ReadonlyRootfs':true", "'ReadonlyRootfs':false") + "}}", "HostConfig.ReadonlyRootfs"),
        row("drop all in lower case", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("['ALL']", "['all']") + "}}", null),
        row("drop only some", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("['ALL']", "['NET_RAW']") + "}}", "HostConfig.CapDrop"),
        row("no memory limit", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("'Memory':67108864", "'Memory':0") + "}}", "HostConfig.Memory"),
        row("unlimited pids", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("'PidsLimit':100", "'PidsLimit':-1") + "}}", "HostConfig.PidsLimit"),
        row("fractional memory", "{'User':'1000'," + labels + ",'HostConfig':{"
            + hc.replace("67108864", "6.5e7") + "}}", "HostConfig.Memory"),
        row("missing label", "{'User':'1000','Labels':{'team':'a'},'HostConfig':{" + hc + "}}", "Labels"),
        row("label with other value", "{'User':'1000','Labels':{'team':'a','env':'dev'},'HostConfig':{" + hc + "}}",
            "Labels"),
        row("label key differing in case", "{'User':'1000','Labels':{'team':'a','Env':'prod'},'HostConfig':{" + hc
            + "}}", "Labels"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void privileged(String name, String body, String deniedField) {
    assertVerdict(policy(""), body, deniedField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void namespaces(String name, String body, String deniedField) {
    assertVerdict(policy(""), body, deniedField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void bindMounts(String name, String body, String deniedField) {
    assertVerdict(policy("[request_body.container_create]\nallowed_bind_mounts = [\"/srv/data\"]"), body, deniedField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void devices(String name, String body, String deniedField) {
    assertVerdict(policy("[request_body.container_create]\nallowed_devices = [\"/dev/fuse\"]"), body, deniedField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void capabilities(String name, String body, String deniedField) {
    assertVerdict(policy("[request_body.container_create]\nallowed_capabilities = [\"NET_ADMIN\"]"), body, deniedField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void confinement(String name, String body, String deniedField) {
    assertVerdict(policy(""), body, deniedField);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void requirements(String name, String body, String deniedField) {
    RequestBodyPolicy strict =
        policy(
            """
            [request_body.container_create]
            require_no_new_privileges = true
            require_non_root_user = true
            require_readonly_rootfs = true
            require_drop_all_capabilities = true
            require_memory_limit = true
            require_pids_limit = true
            required_labels = ["team", "env=prod"]
            """);
    assertVerdict(strict, body, deniedField);
  }

  static void assertVerdict(RequestBodyPolicy policy, String body, String deniedField) {
    Verdict verdict = INSPECTOR.inspect("POST", path("/containers/create"), json(body), policy);
    if (deniedField == null) {
      assertEquals(Verdict.ALLOW, verdict);
    } else {
      Verdict.Deny deny = assertInstanceOf(Verdict.Deny.class, verdict);
      assertEquals(ReasonCode.REQUEST_BODY_POLICY_DENIED, deny.reasonCode(), deny.message());
      assertEquals(deniedField, deny.field(), deny.message());
    }
  }
}
