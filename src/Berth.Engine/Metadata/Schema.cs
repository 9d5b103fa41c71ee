namespace Berth.Engine.Metadata;

/// <summary>
/// Tables of the metadata database. An image is keyed by its ID (the config digest, as Docker's is); names
/// (tags and digest references) point at images; layers record each unpacked chain once, shared by images.
/// </summary>
internal static class Schema
{
    public const string Version1 = """
        CREATE TABLE images (
            id              TEXT PRIMARY KEY,       -- sha256:<config digest>
            manifest_digest TEXT NOT NULL,          -- the manifest blob describing config and layers
            created         TEXT,                   -- the config's created time (ISO 8601), may be null
            added           TEXT NOT NULL,          -- when this store received the image
            size            INTEGER NOT NULL,       -- sum of the layers' unpacked sizes
            chain_id        TEXT                    -- top layer's chain ID, null for an image without layers
        );
        CREATE TABLE image_names (
            name     TEXT PRIMARY KEY,              -- docker.io/library/busybox:latest or name@sha256:...
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            is_digest INTEGER NOT NULL DEFAULT 0,
            added    TEXT NOT NULL
        );
        CREATE INDEX image_names_by_image ON image_names(image_id);
        CREATE TABLE layers (
            chain_id        TEXT PRIMARY KEY,
            diff_id         TEXT NOT NULL,
            parent_chain_id TEXT,
            size            INTEGER NOT NULL        -- bytes of the files in this layer alone
        );
        CREATE TABLE containers (
            id       TEXT PRIMARY KEY,
            name     TEXT NOT NULL UNIQUE,
            image_id TEXT NOT NULL,
            created  TEXT NOT NULL,
            config   TEXT NOT NULL
        );
        """;
}
