using Berth.CommandLine;
using Berth.Distribution;

namespace Berth.Cli.Commands.Registry;

/// <summary><c>berth login [SERVER]</c>: verifies and stores credentials in docker's config.json.</summary>
internal static class LoginCommand
{
    public static CliCommand Create(GlobalOptions globals)
    {
        var command = new CliCommand("login", "Authenticate to a registry")
        {
            Usage = "[OPTIONS] [SERVER]",
            Args = ArgRule.AtMost(1),
            LongDescription = "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
        };
        var username = command.Options.AddString("username", 'u', "Username", valueName: "string");
        var password = command.Options.AddString("password", 'p', "Password or Personal Access Token (PAT)", valueName: "string");
        var passwordStdin = command.Options.AddBool("password-stdin", null, "Take the Password or Personal Access Token (PAT) from stdin");
        command.SetHandler(async (context, ct) =>
        {
            var user = context.Get(username);
            var secret = context.Get(password);
            if (context.Get(passwordStdin))
            {
                if (secret.Length > 0) throw Oci.BerthException.Invalid("--password and --password-stdin are mutually exclusive");
                if (user.Length == 0) throw Oci.BerthException.Invalid("Must provide --username with --password-stdin");
                secret = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\n', '\r');
            }
            else if (secret.Length > 0)
            {
                context.Err.WriteLine("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            }
            if (user.Length == 0) user = Prompt(context, "Username: ");
            if (secret.Length == 0) secret = Prompt(context, "Password: ");
            if (user.Length == 0) throw Oci.BerthException.Invalid("Non-null Username Required");
            using var engine = globals.OpenEngine(context);
            await engine.Registry.LoginAsync(context.Arguments.Count > 0 ? context.Arguments[0] : null, new Credential(user, secret), ct);
            context.Out.WriteLine("Login Succeeded");
            return 0;
        });
        return command;
    }

    private static string Prompt(CliContext context, string label)
    {
        if (Console.IsInputRedirected) return "";
        context.Out.Write(label);
        context.Out.Flush();
        return Console.ReadLine()?.Trim() ?? "";
    }
}
