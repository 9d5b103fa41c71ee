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

    /// <summary>
    /// Containers and volumes. v1's containers table was never written to, so it is replaced. A container row
    /// holds its whole record as JSON (config, host config, mounts) and its state as JSON, written separately
    /// because the monitor updates state while the record stays; <c>volume_users</c> says which container
    /// mounts which volume, so removing a volume in use is refused in one query.
    /// </summary>
    public const string Version2 = """
        DROP TABLE containers;
        CREATE TABLE containers (
            id       TEXT PRIMARY KEY,               -- 64 hex digits
            name     TEXT NOT NULL UNIQUE,           -- without the leading slash
            image_id TEXT NOT NULL,                  -- sha256:<config digest>
            created  TEXT NOT NULL,                  -- ISO 8601, UTC
            config   TEXT NOT NULL,                  -- the container record (JSON)
            state    TEXT NOT NULL                   -- the container state (JSON)
        );
        CREATE INDEX containers_by_image ON containers(image_id);
        CREATE TABLE volumes (
            name      TEXT PRIMARY KEY,
            driver    TEXT NOT NULL,
            created   TEXT NOT NULL,                 -- ISO 8601, UTC
            labels    TEXT NOT NULL,                 -- JSON object
            options   TEXT NOT NULL,                 -- JSON object (driver options)
            anonymous INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE volume_users (
            volume       TEXT NOT NULL REFERENCES volumes(name),
            container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
            PRIMARY KEY (volume, container_id)
        );
        """;

    /// <summary>
    /// Networks and the endpoints of running containers on them. An endpoint row is an address allocation: the
    /// UNIQUE (network_id, address) constraint is what makes two concurrent starts unable to share an address, and
    /// a network with endpoint rows cannot be deleted (the foreign key). Endpoints go with their container's row.
    /// </summary>
    public const string Version3 = """
        CREATE TABLE networks (
            id      TEXT PRIMARY KEY,                -- 64 hex digits
            name    TEXT NOT NULL UNIQUE,
            driver  TEXT NOT NULL,                   -- bridge, host, null
            created TEXT NOT NULL,                   -- ISO 8601, UTC
            config  TEXT NOT NULL                    -- the network record (JSON)
        );
        CREATE TABLE endpoints (
            network_id   TEXT NOT NULL REFERENCES networks(id),
            container_id TEXT NOT NULL REFERENCES containers(id) ON DELETE CASCADE,
            address      INTEGER NOT NULL,           -- IPv4 address as an integer (host order)
            config       TEXT NOT NULL,              -- the endpoint record (JSON)
            PRIMARY KEY (network_id, container_id),
            UNIQUE (network_id, address)
        );
        CREATE INDEX endpoints_by_container ON endpoints(container_id);
        """;

    /// <summary>
    /// The build cache: what each build step produced, by the step's cache key. A step with a layer records its
    /// blob (whose digest is the layer's diffID: build layers are stored uncompressed) and the chain it tops,
    /// which garbage collection keeps while the entry lives; <c>created</c> is the step's history time.
    /// </summary>
    public const string Version4 = """
        CREATE TABLE build_cache (
            key        TEXT PRIMARY KEY,             -- sha256 of the parent's key and the step
            chain_id   TEXT,                         -- null for a step without a layer
            blob       TEXT,                         -- the layer's descriptor (JSON), null without a layer
            created    TEXT NOT NULL,                -- ISO 8601, UTC: the step's history time
            last_used  TEXT NOT NULL,
            size       INTEGER NOT NULL DEFAULT 0    -- the layer blob's size
        );
        """;

    /// <summary>
    /// Endpoints of processes that are not containers (a build step on the default bridge) share the address
    /// allocations, so <c>container_id</c> names an owner rather than a container row: the foreign key becomes a
    /// trigger that still deletes a container's endpoints with its row. SQLite cannot drop a constraint, so the
    /// table is rebuilt.
    /// </summary>
    public const string Version5 = """
        CREATE TABLE endpoints_v5 (
            network_id   TEXT NOT NULL REFERENCES networks(id),
            container_id TEXT NOT NULL,              -- the container, or another owner (build-...)
            address      INTEGER NOT NULL,           -- IPv4 address as an integer (host order)
            config       TEXT NOT NULL,              -- the endpoint record (JSON)
            PRIMARY KEY (network_id, container_id),
            UNIQUE (network_id, address)
        );
        INSERT INTO endpoints_v5 (network_id, container_id, address, config) SELECT network_id, container_id, address, config FROM endpoints;
        DROP TABLE endpoints;
        ALTER TABLE endpoints_v5 RENAME TO endpoints;
        CREATE INDEX endpoints_by_container ON endpoints(container_id);
        CREATE TRIGGER endpoints_of_deleted_container AFTER DELETE ON containers
        BEGIN
            DELETE FROM endpoints WHERE container_id = OLD.id;
        END;
        """;
}
