using Berth.Oci;

namespace Berth.Engine.Models;

/// <summary>
/// One <c>-o/--output</c>: <c>type=image</c> (the image store), <c>docker</c> or <c>oci</c> (an image archive
/// at <see cref="Destination"/>, <c>-</c> for stdout), <c>local</c> (the root filesystem into a directory) or
/// <c>tar</c> (the root filesystem as a tar). A bare path is <c>local</c>, as docker takes it.
/// </summary>
public sealed record BuildOutput(string Type, string? Destination)
{
    public static BuildOutput Parse(string text)
    {
        if (!text.Contains('=')) return new BuildOutput(text == "-" ? "tar" : "local", text);
        string? type = null, destination = null;
        foreach (var field in text.Split(','))
        {
            var eq = field.IndexOf('=');
            var key = eq < 0 ? field : field[..eq];
            var value = eq < 0 ? "" : field[(eq + 1)..];
            switch (key)
            {
                case "type": type = value; break;
                case "dest": destination = value; break;
                case "name" or "push" or "compression" or "oci-mediatypes" or "rewrite-timestamp": break;
                default: throw BerthException.Invalid($"unknown output option: {key}");
            }
        }
        if (type is null) throw BerthException.Invalid($"invalid output {text}: type is required");
        if (type is not ("image" or "docker" or "oci" or "local" or "tar"))
            throw BerthException.Invalid($"unsupported output type \"{type}\": use image, docker, oci, local or tar");
        if (type != "image" && string.IsNullOrEmpty(destination)) throw BerthException.Invalid($"output type {type} requires dest");
        return new BuildOutput(type, destination);
    }
}
