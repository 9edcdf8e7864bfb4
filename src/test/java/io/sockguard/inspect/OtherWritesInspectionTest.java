package io.sockguard.inspect;

import static io.sockguard.inspect.Bodies.json;
import static io.sockguard.inspect.Bodies.path;
import static io.sockguard.inspect.Bodies.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.sockguard.policy.ReasonCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every inspected write besides container create, each with the policy its table states. */
class OtherWritesInspectionTest {

  private static final BodyInspector INSPECTOR =
      new BodyInspector(new FakeHostFilesystem().directory("/srv/data").link("/srv/data/root", "/"));

  private static final String EXEC_POLICY =
      """
      [request_body.exec]
      allow_root_user = false
      allowed_commands = [["sh", "-c", "date"], ["ls"]]
      allowed_env_vars = ["TERM"]
      """;

  private static final String PULL_POLICY =
      """
      [request_body.image_pull]
      allowed_registries = ["ghcr.io/acme", "registry.example.com:5000", "docker.io/myorg"]
      """;

  private static final String STRICT_SERVICE_POLICY =
      """
      [request_body.container_create]
      allowed_bind_mounts = ["/srv/data"]
      require_no_new_privileges = true
      require_non_root_user = true
      require_readonly_rootfs = true
      require_drop_all_capabilities = true
      require_memory_limit = true
      require_pids_limit = true
      required_labels = ["team"]
      """;

  private static final String GOOD_SERVICE =
      "{'TaskTemplate':{'ContainerSpec':{'Image':'x','User':'1000','ReadOnly':true,'CapabilityDrop':['ALL'],"
          + "'Labels':{'team':'a'},'Privileges':{'NoNewPrivileges':true}},"
          + "'Resources':{'Limits':{'MemoryBytes':1048576,'Pids':50}}}}";

  private static Arguments row(String name, String policy, String target, String body, String deniedField) {
    return Arguments.of(name, policy, target, body, deniedField);
  }

  static Stream<Arguments> writes() {
    return Stream.of(
        // container update
        row("update adds a disk", "", "/containers/abc/update",
            "{'Devices':[{'PathOnHost':'/dev/sda'}]}", "Devices[0].PathOnHost"),
        row("update adds a cgroup rule", "", "/containers/abc/update", "{'DeviceCgroupRules':['a *:* rwm']}",
            "DeviceCgroupRules"),
        row("update sets memory", "", "/containers/abc/update", "{'Memory':1048576}", null),
        row("update lifts the pids limit", "[request_body.container_create]\nrequire_pids_limit = true",
            "/containers/abc/update", "{'PidsLimit':0}", "PidsLimit"),
        row("update keeps the pids limit", "[request_body.container_create]\nrequire_pids_limit = true",
            "/containers/abc/update", "{'CpuShares':512}", null),
        // container start
        row("start without body", "", "/containers/abc/start", "", null),
        row("start with empty object", "", "/containers/abc/start", "{}", null),
        row("start with pre-1.24 HostConfig", "", "/containers/abc/start", "{'Privileged':true}", ""),
        // exec
        row("privileged exec", "", "/containers/abc/exec", "{'Cmd':['sh'],'Privileged':true}", "Privileged"),
        row("plain exec", "", "/containers/abc/exec", "{'Cmd':['sh'],'privileged':false}", null),
        row("privileged exec, escaped key", "", "/containers/abc/exec",
            "{'Cmd':['sh'],'\\u0050rivileged':true}", "Privileged"),
        row("allowed argv", EXEC_POLICY, "/containers/abc/exec",
            "{'User':'1000','Cmd':['sh','-c','date'],'Env':['TERM=xterm']}", null),
        row("other argv", EXEC_POLICY, "/containers/abc/exec", "{'User':'1000','Cmd':['sh','-c','id']}", "Cmd"),
        row("argv prefix only", EXEC_POLICY, "/containers/abc/exec", "{'User':'1000','Cmd':['sh']}", "Cmd"),
        row("no user is the container's", EXEC_POLICY, "/containers/abc/exec", "{'Cmd':['ls']}", "User"),
        row("zero-padded root", EXEC_POLICY, "/containers/abc/exec", "{'User':'000','Cmd':['ls']}", "User"),
        row("unlisted variable", EXEC_POLICY, "/containers/abc/exec",
            "{'User':'1000','Cmd':['ls'],'Env':['TERM=x','LD_PRELOAD=/x.so']}", "Env[1]"),
        // image pull and import
        row("official image", "", "/images/create?fromImage=busybox&tag=latest", "", null),
        row("official image with library/", "", "/images/create?fromImage=library%2Fbusybox", "", null),
        row("official image on index.docker.io", "", "/images/create?fromImage=index.docker.io/library/busybox:1",
            "", null),
        row("user image on Docker Hub", "", "/images/create?fromImage=someone/tool", "", "fromImage"),
        row("other registry", "", "/images/create?fromImage=evil.example/x", "", "fromImage"),
        row("allowed repository prefix", PULL_POLICY, "/images/create?fromImage=ghcr.io/acme/app:1", "", null),
        row("allowed registry with port", PULL_POLICY,
            "/images/create?fromImage=registry.example.com:5000/x@sha256:" + "a".repeat(64), "", null),
        row("allowed Hub organisation", PULL_POLICY, "/images/create?fromImage=myorg/app", "", null),
        row("look-alike repository prefix", PULL_POLICY, "/images/create?fromImage=ghcr.io/acmecorp/app", "",
            "fromImage"),
        row("registry host in capitals", PULL_POLICY, "/images/create?fromImage=GHCR.IO/acme/app", "", null),
        row("upper-case repository", PULL_POLICY, "/images/create?fromImage=ghcr.io/acme/App", "", "fromImage"),
        row("second fromImage is ignored by the daemon", "",
            "/images/create?fromImage=evil.example/x&fromImage=busybox", "", "fromImage"),
        row("import from URL", "", "/images/create?fromSrc=http://x/y.tar", "", "fromSrc"),
        row("import allowed", "[request_body.image_pull]\nallow_imports = true", "/images/create?fromSrc=-", "", null),
        row("every registry allowed", "[request_body.image_pull]\nallow_all_registries = true",
            "/images/create?fromImage=evil.example/x", "", null),
        // build
        row("plain build", "", "/build?t=app", "", null),
        row("remote context", "", "/build?remote=https://github.com/x/y.git", "", "remote"),
        row("host network build", "", "/build?networkmode=host", "", "networkmode"),
        row("container network build", "", "/build?networkmode=container:abc", "", "networkmode"),
        row("host network build allowed", "[request_body.build]\nallow_host_network = true",
            "/build?networkmode=host", "", null),
        // volumes
        row("local bind volume of /", "", "/volumes/create",
            "{'Name':'v','DriverOpts':{'type':'none','o':'bind','device':'/'}}", "DriverOpts[\"device\"]"),
        row("local bind volume, lower-case members", "", "/volumes/create",
            "{'name':'v','driver':'local','driveropts':{'type':'none','o':'bind','device':'/etc'}}",
            "DriverOpts[\"device\"]"),
        row("local volume on a host disk", "", "/volumes/create",
            "{'DriverOpts':{'type':'ext4','device':'/dev/sda1'}}", "DriverOpts[\"device\"]"),
        row("plain named volume", "", "/volumes/create", "{'Name':'v'}", null),
        row("bind volume under allowed", "[request_body.container_create]\nallowed_bind_mounts = [\"/srv/data\"]",
            "/volumes/create", "{'DriverOpts':{'o':'bind','device':'/srv/data/x'}}", null),
        row("bind volume through symlink to /", "[request_body.container_create]\nallowed_bind_mounts = [\"/srv/data\"]",
            "/volumes/create", "{'DriverOpts':{'o':'bind','device':'/srv/data/root'}}", "DriverOpts[\"device\"]"),
        row("plugin driver judges its own options", "", "/volumes/create",
            "{'Driver':'rexray','DriverOpts':{'device':'/'}}", null),
        // services
        row("service binding /", "", "/services/create",
            "{'TaskTemplate':{'ContainerSpec':{'Mounts':[{'Type':'bind','Source':'/','Target':'/h'}]}}}",
            "TaskTemplate.ContainerSpec.Mounts[0].Source"),
        row("service adding SYS_ADMIN", "", "/services/abc/update",
            "{'TaskTemplate':{'ContainerSpec':{'CapabilityAdd':['sys_admin']}}}",
            "TaskTemplate.ContainerSpec.CapabilityAdd[0]"),
        row("service without seccomp", "", "/services/create",
            "{'TaskTemplate':{'ContainerSpec':{'Privileges':{'Seccomp':{'Mode':'unconfined'}}}}}",
            "TaskTemplate.ContainerSpec.Privileges.Seccomp.Mode"),
        row("service without AppArmor", "", "/services/create",
            "{'taskTemplate':{'containerSpec':{'privileges':{'appArmor':{'mode':'disabled'}}}}}",
            "TaskTemplate.ContainerSpec.Privileges.AppArmor.Mode"),
        row("service disabling SELinux", "", "/services/create",
            "{'TaskTemplate':{'ContainerSpec':{'Privileges':{'SELinuxContext':{'Disable':true}}}}}",
            "TaskTemplate.ContainerSpec.Privileges.SELinuxContext"),
        row("service on the host network", "", "/services/create",
            "{'TaskTemplate':{'ContainerSpec':{},'Networks':[{'Target':'host'}]}}", "TaskTemplate.Networks[0].Target"),
        row("service with sysctls", "", "/services/create",
            "{'TaskTemplate':{'ContainerSpec':{'Sysctls':{'kernel.x':'1'}}}}", "TaskTemplate.ContainerSpec.Sysctls"),
        row("plugin service", "", "/services/create",
            "{'TaskTemplate':{'Runtime':'plugin','PluginSpec':{'Name':'x'}}}", "TaskTemplate.PluginSpec"),
        row("plain service", "", "/services/create", "{'TaskTemplate':{'ContainerSpec':{'Image':'nginx'}}}", null),
        row("service meeting every requirement", STRICT_SERVICE_POLICY, "/services/create", GOOD_SERVICE, null),
        row("service as root", STRICT_SERVICE_POLICY, "/services/create", GOOD_SERVICE.replace("'1000'", "'0:0'"),
            "TaskTemplate.ContainerSpec.User"),
        row("service without pids limit", STRICT_SERVICE_POLICY, "/services/create",
            GOOD_SERVICE.replace("'Pids':50", "'Pids':0"), "TaskTemplate.Resources.Limits.Pids"),
        row("service writable", STRICT_SERVICE_POLICY, "/services/create",
            GOOD_SERVICE.replace("'ReadOnly':true", "'ReadOnly':false"), "TaskTemplate.ContainerSpec.ReadOnly"),
        // blind writes
        row("plugin install", "", "/plugins/pull?remote=vieux/sshfs", "", ""),
        row("plugin upgrade", "", "/plugins/sshfs/upgrade", "", ""),
        row("plugin settings", "", "/plugins/sshfs/set", "", ""),
        row("swarm init", "", "/swarm/init", "", ""),
        row("swarm join", "", "/swarm/join", "", ""),
        row("swarm join acknowledged", "[request_body]\ninsecure_allow_body_blind_writes = true", "/swarm/join", "",
            null),
        row("trailing slash is judged too", "", "/containers/create/", "{'HostConfig':{'Privileged':true}}",
            "HostConfig.Privileged"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void writes(String name, String policyToml, String target, String body, String deniedField) {
    Verdict verdict = INSPECTOR.inspect("POST", path(target), json(body), policy(policyToml));
    if (deniedField == null) {
      assertEquals(Verdict.ALLOW, verdict);
    } else {
      Verdict.Deny deny = assertInstanceOf(Verdict.Deny.class, verdict);
      assertEquals(ReasonCode.REQUEST_BODY_POLICY_DENIED, deny.reasonCode(), deny.message());
      assertEquals(deniedField, deny.field(), deny.message());
    }
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        // case, method, path, inspects, reads body
        Arguments.of("create", "POST", "/containers/create", true, true),
        Arguments.of("exec create", "POST", "/containers/abc/exec", true, true),
        Arguments.of("exec start is not judged", "POST", "/exec/abc/start", false, false),
        Arguments.of("pull reads the query only", "POST", "/images/create", true, false),
        Arguments.of("build streams its context", "POST", "/build", true, false),
        Arguments.of("plugin install needs no body", "POST", "/plugins/pull", true, false),
        Arguments.of("service update", "POST", "/services/abc/update", true, true),
        Arguments.of("GET of a create path", "GET", "/containers/create", false, false),
        Arguments.of("container list", "GET", "/containers/json", false, false),
        Arguments.of("kill", "POST", "/containers/abc/kill", false, false),
        Arguments.of("empty id segment", "POST", "/containers//update", false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void routes(String name, String method, String target, boolean inspects, boolean readsBody) {
    assertEquals(inspects, INSPECTOR.inspects(method, path(target)));
    assertEquals(readsBody, INSPECTOR.readsBody(method, path(target)));
  }

  @Test
  void uninspectedRoutesAreAllowedWhateverTheBody() {
    assertEquals(Verdict.ALLOW, INSPECTOR.inspect("POST", path("/containers/abc/kill"), json("not json"), policy("")));
  }

  @Test
  void refusesBodiesLargerThanMaxBytesWithTheirOwnReason() {
    RequestBodyPolicy small = policy("[request_body]\nmax_bytes = 16");
    byte[] body = json("{'Image':'busybox'}");
    Verdict.Deny deny =
        assertInstanceOf(Verdict.Deny.class, INSPECTOR.inspect("POST", path("/containers/create"), body, small));
    assertEquals(ReasonCode.REQUEST_BODY_TOO_LARGE, deny.reasonCode());
    assertEquals(
        Verdict.ALLOW,
        INSPECTOR.inspect("POST", path("/containers/create"), json("{'Image':'busy'}"), small),
        "16 bytes exactly is within the limit");
  }

  @Test
  void refusesFormEncodedBodiesThatTheDaemonWouldMergeIntoTheQuery() {
    Verdict verdict =
        INSPECTOR.inspect(
            "POST",
            path("/images/create?fromImage=busybox"),
            "Application/X-WWW-Form-Urlencoded; charset=utf-8",
            json("fromImage=evil.example/x"),
            policy(""));
    assertEquals(ReasonCode.REQUEST_BODY_POLICY_DENIED, assertInstanceOf(Verdict.Deny.class, verdict).reasonCode());
  }

  @Test
  void defaultPolicyLetsAnOrdinaryDockerRunBodyThrough() {
    String dockerRun =
        "{'Hostname':'','User':'','Env':['A=b'],'Cmd':['sh'],'Image':'busybox','Labels':{},"
            + "'HostConfig':{'Binds':null,'NetworkMode':'default','RestartPolicy':{'Name':'no','MaximumRetryCount':0},"
            + "'CapAdd':null,'CapDrop':null,'CgroupnsMode':'','Privileged':false,'SecurityOpt':null,"
            + "'Devices':[],'DeviceRequests':null,'MaskedPaths':null,'ReadonlyPaths':null,'Memory':0,"
            + "'PidsLimit':null,'Mounts':null},"
            + "'NetworkingConfig':{'EndpointsConfig':{}}}";
    assertEquals(Verdict.ALLOW, INSPECTOR.inspect("POST", path("/containers/create"), json(dockerRun), policy("")));
  }
}
