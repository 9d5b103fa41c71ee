/*
 * berth-seccomp-step: the first program of a container process whose seccomp filter Berth loads instead of the
 * runtime (see SeccompStep.cs in Berth.Runtime for the protocol, and SeccompPreload.cs in Berth.Engine for the
 * side that starts it).
 *
 *   berth-seccomp-step --berth-seccomp-step BOUNDING:EFFECTIVE:PERMITTED:INHERITABLE:AMBIENT -- CMD [ARG...]
 *
 * with the compiled filter on descriptor 3, this program itself on 4 and a pipe on 5. It loads the filter,
 * gives back the capabilities it was lent for that, finds CMD as Go's exec.LookPath does (runc's lookup, whose
 * errors docker users know) and executes it with the environment exactly as the runtime set it. The pipe closes
 * at that exec, or carries why the command could not start, with docker's exit code (125, 126 or 127).
 *
 * It is C, linked statically, because it runs inside the container's root, where no library of the host can be
 * relied on, and it sits on the path of every start and exec: a runtime-free program starts in a fraction of the
 * time a managed one needs. It allocates nothing it frees and touches no signal state, so the command starts with
 * what runc would have given it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROGRAM_FD 3
#define EXECUTABLE_FD 4
#define ERROR_FD 5
#define CAP_SETPCAP_BIT 8
#define CAP_SYS_ADMIN_BIT 21

static const char marker[] = "--berth-seccomp-step";

/* Writes "unable to start container process: <message>" to the pipe and exits with code. */
static void __attribute__((noreturn, format(printf, 2, 3))) fail(int code, const char *format, ...)
{
    char message[4096];
    int length = snprintf(message, sizeof message, "unable to start container process: ");
    va_list args;
    va_start(args, format);
    vsnprintf(message + length, sizeof message - (size_t)length, format, args);
    va_end(args);
    size_t left = strlen(message);
    const char *next = message;
    while (left > 0) {
        ssize_t written = write(ERROR_FD, next, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) break; /* nobody listens any more; the exit code still tells */
        next += written;
        left -= (size_t)written;
    }
    _exit(code);
}

/* Go's strerror texts start in lower case ("no such file or directory"). */
static const char *error_text(int error)
{
    static char text[256];
    snprintf(text, sizeof text, "%s", strerror(error));
    if (text[0] >= 'A' && text[0] <= 'Z') text[0] = (char)(text[0] - 'A' + 'a');
    return text;
}

/* A system call of the step's own failed: as the managed step worded it, "<what>: <strerror> (errno N)". */
static void __attribute__((noreturn)) fail_call(const char *what)
{
    int error = errno;
    fail(error == ENOENT ? 127 : 126, "%s: %s (errno %d)", what, strerror(error), error);
}

/* Go's quoting of a name in exec errors (strconv.Quote for the printable names that reach here). */
static const char *quoted(const char *text)
{
    static char out[8192];
    size_t n = 0;
    out[n++] = '"';
    for (const char *c = text; *c && n < sizeof out - 3; c++) {
        if (*c == '"' || *c == '\\') out[n++] = '\\';
        out[n++] = *c;
    }
    out[n++] = '"';
    out[n] = 0;
    return out;
}

static void *allocate(size_t size)
{
    void *memory = malloc(size);
    if (!memory) fail(125, "out of memory");
    return memory;
}

/* The environment as the runtime set it, in its order: glibc's startup may have dropped entries from environ. */
static char **read_environment(void)
{
    int fd = open("/proc/self/environ", O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail_call("open /proc/self/environ");
    size_t capacity = 4096, length = 0;
    char *raw = allocate(capacity + 1);
    for (;;) {
        if (length == capacity) {
            capacity *= 2;
            char *bigger = realloc(raw, capacity + 1);
            if (!bigger) fail(125, "out of memory");
            raw = bigger;
        }
        ssize_t n = read(fd, raw + length, capacity - length);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_call("read /proc/self/environ");
        if (n == 0) break;
        length += (size_t)n;
    }
    close(fd);
    raw[length] = 0;
    size_t count = 0;
    for (size_t i = 0; i <= length; i++)
        if (raw[i] == 0 && i > 0 && raw[i - 1] != 0) count++;
    char **entries = allocate((count + 1) * sizeof *entries);
    size_t next = 0;
    for (size_t start = 0, i = 0; i <= length; i++) {
        if (raw[i] != 0) continue;
        if (i > start) entries[next++] = raw + start;
        start = i + 1;
    }
    entries[next] = NULL;
    return entries;
}

static const char *path_of(char **environment)
{
    for (char **entry = environment; *entry; entry++)
        if (strncmp(*entry, "PATH=", 5) == 0) return *entry + 5;
    return "";
}

/* Why path cannot be executed, as Go words it (with the exit code docker gives), or NULL if it can. */
static const char *executable_problem(const char *path, int *code)
{
    static char problem[8192];
    struct stat status;
    if (stat(path, &status) != 0) {
        int error = errno;
        *code = error == ENOENT ? 127 : 126;
        snprintf(problem, sizeof problem, "stat %s: %s", path, error_text(error));
        return problem;
    }
    if (!S_ISDIR(status.st_mode) && (status.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0) return NULL;
    *code = 126;
    return "permission denied";
}

/* Go's exec.LookPath: a name with a slash is taken as it is; otherwise the first executable file of that name in
   $PATH, an empty entry being ".". */
static const char *look_path(const char *file, const char *search_path)
{
    int code;
    if (strchr(file, '/')) {
        const char *problem = executable_problem(file, &code);
        if (problem) fail(code, "exec: %s: %s", quoted(file), problem);
        return file;
    }
    size_t file_length = strlen(file);
    const char *entry = search_path;
    for (;;) {
        const char *end = strchr(entry, ':');
        size_t length = end ? (size_t)(end - entry) : strlen(entry);
        const char *directory = length == 0 ? "." : entry;
        if (length == 0) length = 1;
        char *candidate = allocate(length + file_length + 2);
        memcpy(candidate, directory, length);
        size_t n = length;
        if (candidate[n - 1] != '/') candidate[n++] = '/';
        memcpy(candidate + n, file, file_length + 1);
        if (!executable_problem(candidate, &code)) return candidate;
        free(candidate);
        if (!end) break;
        entry = end + 1;
    }
    fail(127, "exec: %s: executable file not found in $PATH", quoted(file));
}

static int parse_sets(const char *text, uint64_t sets[5])
{
    const char *next = text;
    for (int i = 0; i < 5; i++) {
        char *end;
        if (!((*next >= '0' && *next <= '9') || (*next >= 'a' && *next <= 'f') || (*next >= 'A' && *next <= 'F'))) return 0;
        errno = 0;
        unsigned long long value = strtoull(next, &end, 16);
        if (errno != 0 || *end != (i < 4 ? ':' : '\0')) return 0;
        sets[i] = value;
        next = end + 1;
    }
    return 1;
}

static void load_filter(void)
{
    struct stat status;
    if (fstat(PROGRAM_FD, &status) != 0) fail_call("fstat of the seccomp program");
    size_t size = (size_t)status.st_size;
    if (size == 0 || size % sizeof(struct sock_filter) != 0 || size / sizeof(struct sock_filter) > BPF_MAXINSNS)
        fail(125, "malformed seccomp program (%zu bytes)", size);
    struct sock_filter *instructions = allocate(size);
    size_t done = 0;
    while (done < size) {
        ssize_t n = pread(PROGRAM_FD, (char *)instructions + done, size - done, (off_t)done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail_call("reading the seccomp program");
        if (n == 0) fail(125, "short read of the seccomp program");
        done += (size_t)n;
    }
    close(PROGRAM_FD);
    struct sock_fprog program = { .len = (unsigned short)(size / sizeof(struct sock_filter)), .filter = instructions };
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0) fail_call("loading the seccomp filter");
}

static void set_capabilities(const uint64_t sets[5])
{
    uint64_t bounding = sets[0], effective = sets[1], permitted = sets[2], inheritable = sets[3], ambient = sets[4];
    if ((bounding & (1ULL << CAP_SYS_ADMIN_BIT)) == 0 && prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN_BIT, 0, 0, 0) != 0)
        fail_call("dropping capability 21 from the bounding set");
    if ((bounding & (1ULL << CAP_SETPCAP_BIT)) == 0 && prctl(PR_CAPBSET_DROP, CAP_SETPCAP_BIT, 0, 0, 0) != 0)
        fail_call("dropping capability 8 from the bounding set");

    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0) fail_call("capget");
    /* Effective and permitted can only shrink; a set the step was not given stays as runc left it. */
    uint64_t held = (uint64_t)data[0].permitted | ((uint64_t)data[1].permitted << 32);
    effective &= held;
    permitted &= held;
    data[0].effective = (uint32_t)effective;
    data[1].effective = (uint32_t)(effective >> 32);
    data[0].permitted = (uint32_t)permitted;
    data[1].permitted = (uint32_t)(permitted >> 32);
    data[0].inheritable = (uint32_t)inheritable;
    data[1].inheritable = (uint32_t)(inheritable >> 32);
    if (syscall(SYS_capset, &header, data) != 0) fail_call("capset");
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && ambient != 0)
        fail_call("clearing the ambient capabilities");
    for (int capability = 0; capability < 64; capability++) {
        if ((ambient & (1ULL << capability)) == 0) continue;
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, capability, 0, 0) != 0) {
            char what[64];
            snprintf(what, sizeof what, "raising ambient capability %d", capability);
            fail_call(what);
        }
    }
}

int main(int argc, char **argv)
{
    uint64_t sets[5];
    if (argc < 5 || strcmp(argv[1], marker) != 0 || strcmp(argv[3], "--") != 0 || !parse_sets(argv[2], sets))
        fail(125, "malformed seccomp step arguments");
    char **command = argv + 4;
    char **environment = read_environment();
    /* After that read: /proc/self/environ of an undumpable process belongs to root, not to a user step. Until the
       exec, this process holds descriptors of the host (its own program), which no other may reach. */
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) fail_call("prctl PR_SET_DUMPABLE");
    const char *path = look_path(command[0], path_of(environment));

    /* As runc does without no_new_privs: the filter first, while the lent capabilities are still there, then the
       capabilities. The calls below are all allowed by docker's profile, as runc's own are. */
    load_filter();
    set_capabilities(sets);

    if (fcntl(ERROR_FD, F_SETFD, FD_CLOEXEC) != 0) fail_call("fcntl of the error pipe");
    if (fcntl(EXECUTABLE_FD, F_SETFD, FD_CLOEXEC) != 0) fail_call("fcntl of the step's program");
    execve(path, command, environment);
    int error = errno;
    fail(error == ENOENT ? 127 : 126, "exec: %s: %s", quoted(path), error_text(error));
}
