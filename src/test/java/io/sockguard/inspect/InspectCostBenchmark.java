package io.sockguard.inspect;

import io.sockguard.route.CanonicalPath;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Prints the cost of inspecting a typical 4 KiB {@code docker run} create body, in microseconds per body. Not a test:
 * run it with {@code scripts/bench/inspect-cost}. Single-threaded; warms up before measuring.
 */
public final class InspectCostBenchmark {

  private InspectCostBenchmark() {}

  public static void main(String[] args) {
    run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 200_000);
  }

  static void run(PrintStream out, int iterations) {
    byte[] body = typicalCreateBody();
    RequestBodyPolicy policy =
        Bodies.policy("[request_body.container_create]\nallowed_bind_mounts = [\"/srv\"]\nrequire_memory_limit = true");
    BodyInspector inspector = new BodyInspector(new FakeHostFilesystem().directory("/srv/app"));
    CanonicalPath create = new CanonicalPath("/v1.41", "/containers/create", "name=web");
    if (!(inspector.inspect("POST", create, body, policy) instanceof Verdict.Allow)) {
      throw new IllegalStateException("the benchmark body must be allowed");
    }
    int allowed = 0;
    for (int i = 0; i < iterations / 4; i++) { // warm-up
      allowed += inspector.inspect("POST", create, body, policy) instanceof Verdict.Allow ? 1 : 0;
    }
    long start = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      allowed += inspector.inspect("POST", create, body, policy) instanceof Verdict.Allow ? 1 : 0;
    }
    long elapsed = System.nanoTime() - start;
    out.printf(
        Locale.ROOT,
        "inspect-cost body_bytes=%d iterations=%d us_per_body=%.2f bodies_per_second=%.0f (allowed %d)%n",
        body.length,
        iterations,
        elapsed / 1000.0 / iterations,
        iterations / (elapsed / 1e9),
        allowed);
  }

  /** What the docker CLI sends for a run with env, labels, ports, a bind and limits, padded to about 4 KiB. */
  static byte[] typicalCreateBody() {
    StringBuilder env = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      env.append(i == 0 ? "" : ",").append("\"APP_SETTING_").append(i).append("=value-").append(i).append("-xxxxxx\"");
    }
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      labels.append(i == 0 ? "" : ",").append("\"com.example.label").append(i).append("\":\"v").append(i).append('"');
    }
    String json =
        "{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"1000\",\"AttachStdin\":false,\"AttachStdout\":true,"
            + "\"AttachStderr\":true,\"ExposedPorts\":{\"80/tcp\":{}},\"Tty\":false,\"OpenStdin\":false,"
            + "\"StdinOnce\":false,\"Env\":[" + env + "],\"Cmd\":[\"nginx\",\"-g\",\"daemon off;\"],"
            + "\"Image\":\"nginx:1.27\",\"Volumes\":{},\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,"
            + "\"Labels\":{" + labels + "},"
            + "\"HostConfig\":{\"Binds\":[\"/srv/app:/usr/share/nginx/html:ro\",\"cache:/var/cache/nginx\"],"
            + "\"ContainerIDFile\":\"\",\"LogConfig\":{\"Type\":\"\",\"Config\":{}},\"NetworkMode\":\"default\","
            + "\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]},"
            + "\"RestartPolicy\":{\"Name\":\"unless-stopped\",\"MaximumRetryCount\":0},\"AutoRemove\":false,"
            + "\"VolumeDriver\":\"\",\"VolumesFrom\":null,\"CapAdd\":[\"NET_BIND_SERVICE\"],\"CapDrop\":[\"ALL\"],"
            + "\"CgroupnsMode\":\"\",\"Dns\":[],\"DnsOptions\":[],\"DnsSearch\":[],\"ExtraHosts\":null,"
            + "\"GroupAdd\":null,\"IpcMode\":\"\",\"Cgroup\":\"\",\"Links\":null,\"OomScoreAdj\":0,\"PidMode\":\"\","
            + "\"Privileged\":false,\"PublishAllPorts\":false,\"ReadonlyRootfs\":true,"
            + "\"SecurityOpt\":[\"no-new-privileges\"],\"UTSMode\":\"\",\"UsernsMode\":\"\",\"ShmSize\":0,"
            + "\"ConsoleSize\":[0,0],\"Isolation\":\"\",\"CpuShares\":0,\"Memory\":268435456,\"NanoCpus\":500000000,"
            + "\"CgroupParent\":\"\",\"BlkioWeight\":0,\"BlkioWeightDevice\":[],\"BlkioDeviceReadBps\":null,"
            + "\"BlkioDeviceWriteBps\":null,\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteIOps\":null,"
            + "\"CpuPeriod\":0,\"CpuQuota\":0,\"CpuRealtimePeriod\":0,\"CpuRealtimeRuntime\":0,\"CpusetCpus\":\"\","
            + "\"CpusetMems\":\"\",\"Devices\":[],\"DeviceCgroupRules\":null,\"DeviceRequests\":null,"
            + "\"KernelMemory\":0,\"KernelMemoryTCP\":0,\"MemoryReservation\":0,\"MemorySwap\":0,"
            + "\"MemorySwappiness\":null,\"OomKillDisable\":false,\"PidsLimit\":200,\"Ulimits\":null,"
            + "\"CpuCount\":0,\"CpuPercent\":0,\"IOMaximumIOps\":0,\"IOMaximumBandwidth\":0,"
            + "\"Mounts\":[{\"Type\":\"tmpfs\",\"Target\":\"/tmp\"}],\"MaskedPaths\":null,\"ReadonlyPaths\":null},"
            + "\"NetworkingConfig\":{\"EndpointsConfig\":{}}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
