package io.sockguard.inspect;

import io.sockguard.config.RequestBodyConfig;

/** The {@code [request_body.exec]} rails for {@code POST /containers/{id}/exec}. Stateless apart from settings. */
final class ExecRails {

  private static final String KEY = "request_body.exec.";

  private ExecRails() {}

  static void check(InspectedJson body, RequestBodyConfig.Exec settings) {
    if (!body.isObject()) {
      throw body.refuse("expected a JSON object");
    }
    if (body.member("Privileged").flag() && !settings.allowPrivileged()) {
      throw new BodyRefusal("Privileged", "privileged exec is refused (" + KEY + "allow_privileged = false)");
    }
    InspectedJson user = body.member("User");
    if (!settings.allowRootUser() && !UserSpec.isProvablyNonRoot(user.string(""))) {
      throw new BodyRefusal(user.path(), "exec needs a numeric non-zero user ID; an empty user is the container's,"
          + " and names resolve inside the image (" + KEY + "allow_root_user = false)");
    }
    InspectedJson cmd = body.member("Cmd");
    if (!settings.allowedCommands().isEmpty() && !settings.allowedCommands().contains(cmd.strings())) {
      throw new BodyRefusal(cmd.path(), "this command is not in " + KEY + "allowed_commands");
    }
    if (!settings.allowedEnvVars().isEmpty()) {
      for (InspectedJson variable : body.member("Env").elements()) {
        String entry = variable.string("");
        int eq = entry.indexOf('=');
        String name = eq < 0 ? entry : entry.substring(0, eq);
        if (!settings.allowedEnvVars().contains(name)) {
          throw new BodyRefusal(variable.path(), "variable " + InspectedJson.quote(name) + " is not in " + KEY
              + "allowed_env_vars");
        }
      }
    }
  }
}
