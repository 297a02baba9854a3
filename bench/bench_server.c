/*
 * bench_server.c — what tapixd costs, measured through libtapix's client backend
 * (TAPIX_SERVER=unix:PATH) against a tapixd this program starts on a temporary UNIX socket with
 * the sim provider, next to a redis-server it starts on another UNIX socket as a speed reference:
 *   (a) sequential request round trips per second from one client (lineGetCallStatus on a
 *       connected call, answered by the core from the sim provider's state), next to
 *       `redis-benchmark -s SOCK -t ping -c 1 -P 1`, and their ratio (target >= 0.7);
 *   (b) one call's state changes fanned out to 1,000 monitoring applications (each its own
 *       lineInitializeEx with a line open with MONITOR privilege, spread over worker processes
 *       that are this program run again with --monitor-worker): LINE_CALLSTATE messages
 *       delivered per second and the p99 latency from the owner's request (lineMakeCall or
 *       lineDrop, CLOCK_MONOTONIC) to each monitor's lineGetMessage returning the state it
 *       caused (targets >= 500,000 messages/s, p99 < 10 ms);
 *   (c) bench_core's call cycle (make -> connected -> drop -> idle -> deallocate, one thread)
 *       through the server (target >= 20,000 cycles/s).
 * Each monitor deallocates its handle of every call when the call goes idle, as TAPI requires.
 * The owner starts a call once every monitor has taken every state of the earlier calls but the
 * last --window ones (default 0: one call at a time, so the latency is that of one call's
 * fan-out, not of a queue the owner builds up).
 * Usage: bench_server [--tapixd PATH] [--workers N] [--monitors N] [--window N]
 * [--keep-handles] [--only abc]; without --tapixd, the tapixd beside this program in the build
 * tree; --workers: monitor processes (default 8); --only runs some of the figures (e.g.
 * `--only b` while perf watches tapixd, whose pid is printed); --keep-handles, a diagnosis only,
 * leaves out the monitors' lineDeallocateCall (1,000 round trips per call) to show what they
 * cost. It prints each figure beside its target and says when one is missed; it never fails a
 * build (targets are not tests). Everything it starts is stopped at the end, on an error, on a
 * signal, and (PR_SET_PDEATHSIG) when it is killed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <tapix/tapi.h>
#include <tapix/tapix.h>

#define API_VERSION    0x00020002
#define OUTSIDE        "5550100"
#define MAX_WORKERS    64
#define MAX_CYCLES     200000
#define HIST_BUCKETS   100000 /* 10 us each: up to 1 s */
#define HIST_STEP_NS   10000
#define WARMUP_CYCLES  50
#define FANOUT_SECONDS 3.0
#define RTT_ROUNDS     5 /* turns of tapixd and Redis in (a) */

/* What the owner and the monitor workers share (a memfd mapped by both). */
struct worker_stats {
    _Atomic uint64_t idles;  /* LINE_CALLSTATE(IDLE) taken, warm-up included */
    _Atomic uint32_t ready;  /* 1 once all its applications have the line open */
    _Atomic uint32_t failed; /* 1 when it gave up (its stderr says why) */
    uint64_t callstates;     /* measured LINE_CALLSTATE messages */
    uint64_t others;         /* other measured messages (LINE_APPNEWCALL, LINE_CALLINFO ...) */
    uint64_t last_ns;        /* when its last measured message arrived */
    uint64_t max_ns;         /* the longest latency seen */
    uint32_t hist[HIST_BUCKETS + 1];
};

struct shared {
    _Atomic uint32_t stop; /* set by the owner: shut down and exit */
    bool keep_handles;     /* --keep-handles: monitors do not deallocate their call handles */
    _Atomic uint64_t t_make[MAX_CYCLES]; /* CLOCK_MONOTONIC ns before lineMakeCall of cycle k */
    _Atomic uint64_t t_drop[MAX_CYCLES]; /* ... before lineDrop of cycle k; 0 in the warm-up */
    struct worker_stats w[MAX_WORKERS];
};

/* What the bench started, for cleanup(). */
static struct {
    unsigned
        window; /* calls the owner may start before the monitors have all of the earlier ones */
    char dir[64];
    char tapixd_sock[128];
    char redis_sock[128];
    pid_t tapixd, redis;
    pid_t workers[MAX_WORKERS];
    int nworkers;
    bool parent;
} g;

/* CLOCK_MONOTONIC in nanoseconds (the same clock in every process of the machine). */
static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CLOCK_MONOTONIC in seconds. */
static double now_seconds(void)
{
    return (double)now_ns() / 1e9;
}

/* Stops process `*pid` (SIGTERM, then SIGKILL after 2 s), reaps it and clears *pid. */
static void stop_process(pid_t *pid)
{
    if (*pid <= 0)
        return;
    kill(*pid, SIGTERM);
    for (int i = 0; i < 200; i++) {
        if (waitpid(*pid, NULL, WNOHANG) != 0) {
            *pid = 0;
            return;
        }
        usleep(10000);
    }
    kill(*pid, SIGKILL);
    waitpid(*pid, NULL, 0);
    *pid = 0;
}

/* Stops everything the bench started and removes its temporary directory. Parent only;
 * idempotent, so it serves atexit() and the signal handlers alike. */
static void cleanup(void)
{
    if (!g.parent)
        return;
    for (int i = 0; i < g.nworkers; i++)
        stop_process(&g.workers[i]);
    stop_process(&g.tapixd);
    stop_process(&g.redis);
    if (g.dir[0]) {
        char path[160];
        static const char *const files[] = {"tapix.conf", "tapixd.sock", "tapixd.log", "redis.sock",
                                            "redis.log"};
        for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
            snprintf(path, sizeof(path), "%s/%s", g.dir, files[i]);
            unlink(path);
        }
        rmdir(g.dir);
        g.dir[0] = 0;
    }
}

/* A signal (or the watchdog alarm): stop everything and leave. */
static void on_signal(int sig)
{
    if (sig == SIGALRM)
        fprintf(stderr, "bench_server: took too long; stopped\n");
    cleanup();
    _exit(128 + sig);
}

/* Prints `fmt` to stderr and exits with status 1 (atexit stops what was started). */
__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench_server: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

/* Like die() for a failed TAPI call: names it, its code and libtapix's last error. */
__attribute__((noreturn)) static void die_tapi(const char *what, LONG rc)
{
    char why[512];
    tapix_last_error(why, sizeof(why));
    die("%s failed: 0x%08x %s", what, (unsigned)rc, why);
}

/* Starts `argv` with stdout and stderr going to `log` (NULL: inherited) and returns its pid.
 * The child gets SIGKILL when the bench dies, so nothing outlives it. */
static pid_t spawn(char *const argv[], const char *log)
{
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        if (log) {
            int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
                close(fd);
            }
        }
        execvp(argv[0], argv);
        fprintf(stderr, "bench_server: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return pid;
}

/* Waits up to 10 s until UNIX socket `path` accepts a connection, while `pid` lives. Returns
 * 0, or -1 when the process exited or the time ran out. */
static int wait_for_socket(const char *path, pid_t pid)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
    for (int i = 0; i < 1000; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
            close(fd);
            return 0;
        }
        if (fd >= 0)
            close(fd);
        if (waitpid(pid, NULL, WNOHANG) != 0)
            return -1;
        usleep(10000);
    }
    return -1;
}

/* Whether `name` is an executable found in $PATH (or a path that is one). */
static bool in_path(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0;
    const char *path = getenv("PATH");
    char buf[4096];
    while (path && *path) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, name);
        if (access(buf, X_OK) == 0)
            return true;
        path = colon ? colon + 1 : NULL;
    }
    return false;
}

/* The directory of this program, from /proc/self/exe, into `out`. */
static void self_dir(char *out, size_t size)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        die("readlink /proc/self/exe: %s", strerror(errno));
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    *slash = 0;
    snprintf(out, size, "%s", exe);
}

/* Starts tapixd `tapixd` on g.tapixd_sock with the sim configuration and waits until it
 * listens. Points TAPIX_PROVIDER_PATH at the build tree's providers when it is unset. */
static void start_tapixd(const char *tapixd)
{
    char conf[160], log[160], providers[4200], dir[4096];
    snprintf(conf, sizeof(conf), "%s/tapix.conf", g.dir);
    snprintf(log, sizeof(log), "%s/tapixd.log", g.dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        die("%s: %s", conf, strerror(errno));
    fprintf(f, "[provider sim]\nextensions = 101-102\noutside." OUTSIDE " = answer 0\n");
    fclose(f);
    snprintf(dir, sizeof(dir), "%s", tapixd);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = 0;
        snprintf(providers, sizeof(providers), "%s/../lib/tapix/providers", dir);
        if (!getenv("TAPIX_PROVIDER_PATH") && access(providers, R_OK) == 0)
            setenv("TAPIX_PROVIDER_PATH", providers, 1);
    }
    char *argv[] = {(char *)tapixd, "--foreground", "--socket", g.tapixd_sock, "--config",
                    conf,           "--log-level",  "warn",     NULL};
    g.tapixd = spawn(argv, log);
    if (wait_for_socket(g.tapixd_sock, g.tapixd) != 0) {
        char line[512];
        fprintf(stderr, "bench_server: tapixd did not start; its log:\n");
        if ((f = fopen(log, "r"))) {
            while (fgets(line, sizeof(line), f))
                fputs(line, stderr);
            fclose(f);
        }
        die("no tapixd");
    }
}

/* Starts redis-server on g.redis_sock (no TCP port, no persistence) and waits until it
 * listens. Returns false (and says why) when there is no redis-server. */
static bool start_redis(void)
{
    char log[160];
    if (!in_path("redis-server") || !in_path("redis-benchmark")) {
        fprintf(stderr, "bench_server: redis-server or redis-benchmark not in PATH "
                        "(Debian: redis-server, redis-tools); no Redis figure\n");
        return false;
    }
    snprintf(log, sizeof(log), "%s/redis.log", g.dir);
    char *argv[] = {"redis-server", "--port", "0", "--unixsocket", g.redis_sock, "--unixsocketperm",
                    "700",          "--save", "",  "--appendonly", "no",         "--daemonize",
                    "no",           NULL};
    g.redis = spawn(argv, log);
    if (wait_for_socket(g.redis_sock, g.redis) != 0) {
        fprintf(stderr, "bench_server: redis-server did not start (see %s)\n", log);
        stop_process(&g.redis);
        return false;
    }
    return true;
}

/* Runs redis-benchmark's sequential PING (-c 1 -P 1) `n` times against g.redis_sock and returns
 * the requests per second of PING_MBULK (the RESP form), or 0 when it could not be read. */
static double redis_ping_rate(unsigned n)
{
    char cmd[512], buf[8192];
    snprintf(cmd, sizeof(cmd), "redis-benchmark -s '%s' -t ping -c 1 -P 1 -n %u -q 2>&1",
             g.redis_sock, n);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 0;
    size_t len = fread(buf, 1, sizeof(buf) - 1, p);
    buf[len] = 0;
    pclose(p);
    double rate = 0, inline_rate = 0;
    /* -q prints progress lines ended by \r, then "PING_MBULK: 43000.00 requests per second..." */
    for (char *line = strtok(buf, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        double r;
        if (sscanf(line, "PING_MBULK: %lf requests per second", &r) == 1)
            rate = r;
        else if (sscanf(line, "PING_INLINE: %lf requests per second", &r) == 1)
            inline_rate = r;
    }
    return rate > 0 ? rate : inline_rate;
}

/* Initializes one application (event notification); returns it, its eventfd in *fd. */
static HLINEAPP app_start(const char *name, int *fd)
{
    HLINEAPP app;
    DWORD version = API_VERSION, ndevs = 0;
    LINEINITIALIZEEXPARAMS params = {.dwTotalSize = sizeof(params),
                                     .dwOptions = LINEINITIALIZEEXOPTION_USEEVENT};
    LONG rc = lineInitializeEx(&app, NULL, NULL, name, &ndevs, &version, &params);
    if (rc != 0)
        die_tapi("lineInitializeEx", rc);
    if (ndevs == 0)
        die("tapixd offers no line");
    if (fd)
        *fd = TAPIX_HANDLE_TO_FD(params.Handles.hEvent);
    return app;
}

/* Takes messages of `app` until `want` arrives (for call `hDevice` when nonzero, with
 * dwParam1 `param1`); exits when it does not come within 5 s. */
static void wait_for(HLINEAPP app, DWORD want, DWORD hDevice, DWORD_PTR param1)
{
    LINEMESSAGE m;
    for (;;) {
        if (lineGetMessage(app, &m, 5000) != 0)
            die("message %u never came", want);
        if (m.dwMessageID == want && (!hDevice || m.hDevice == hDevice) && m.dwParam1 == param1)
            return;
    }
}

/* Makes a call to OUTSIDE on `line` and waits until it is connected; returns its handle. When
 * `stamp` is not NULL, stores the time just before lineMakeCall there. */
static HCALL call_connect(HLINEAPP app, HLINE line, _Atomic uint64_t *stamp)
{
    HCALL call = 0;
    if (stamp)
        atomic_store(stamp, now_ns());
    LONG req = lineMakeCall(line, &call, OUTSIDE, 0, NULL);
    if (req <= 0)
        die_tapi("lineMakeCall", req);
    wait_for(app, LINE_REPLY, 0, (DWORD_PTR)req);
    wait_for(app, LINE_CALLSTATE, call, LINECALLSTATE_CONNECTED);
    return call;
}

/* Drops `call`, waits until it is idle and deallocates it. When `stamp` is not NULL, stores the
 * time just before lineDrop there. */
static void call_finish(HLINEAPP app, HCALL call, _Atomic uint64_t *stamp)
{
    if (stamp)
        atomic_store(stamp, now_ns());
    LONG req = lineDrop(call, NULL, 0);
    if (req <= 0)
        die_tapi("lineDrop", req);
    wait_for(app, LINE_REPLY, 0, (DWORD_PTR)req);
    wait_for(app, LINE_CALLSTATE, call, LINECALLSTATE_IDLE);
    LONG rc = lineDeallocateCall(call);
    if (rc != 0)
        die_tapi("lineDeallocateCall", rc);
}

/* The result of (a). */
struct rtt_result {
    double tapix;                       /* lineGetCallStatus round trips per second */
    double redis;                       /* redis-benchmark's PING per second; 0 without Redis */
    double ratio, ratio_min, ratio_max; /* the median, least and greatest of the rounds' ratios */
};

/* Orders doubles for qsort. */
static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* (a): sequential lineGetCallStatus round trips on a connected call, in RTT_ROUNDS rounds of
 * about 0.4 s, each followed by a redis-benchmark run of about as long when `redis`. This
 * machine's wake-up latency drifts (Redis alone varies from 20,000 to 50,000 PINGs/s between
 * runs), so the two are measured in turns and compared round by round: returns both overall
 * rates and the median of the rounds' ratios. */
static struct rtt_result bench_round_trips(HLINEAPP app, HLINE line, bool redis)
{
    struct rtt_result r = {0};
    HCALL call = call_connect(app, line, NULL);
    union {
        LINECALLSTATUS s;
        char room[1024];
    } status;
    memset(&status, 0, sizeof(status));
    status.s.dwTotalSize = sizeof(status);
    for (int i = 0; i < 2000; i++)
        if (lineGetCallStatus(call, &status.s) != 0)
            die_tapi("lineGetCallStatus", -1);
    if (status.s.dwCallState != LINECALLSTATE_CONNECTED)
        die("the call is not connected (state 0x%x)", (unsigned)status.s.dwCallState);
    double tapix_time = 0, redis_time = 0, redis_n = 0, ratios[RTT_ROUNDS];
    unsigned n = 0, nratios = 0;
    for (int round = 0; round < RTT_ROUNDS; round++) {
        unsigned done = 0;
        double t0 = now_seconds(), elapsed;
        do {
            for (int i = 0; i < 500; i++) {
                LONG rc = lineGetCallStatus(call, &status.s);
                if (rc != 0)
                    die_tapi("lineGetCallStatus", rc);
            }
            done += 500;
            elapsed = now_seconds() - t0;
        } while (elapsed < 0.4);
        n += done;
        tapix_time += elapsed;
        if (!redis)
            continue;
        /* -t ping runs PING inline and PING as RESP; ask for about 0.2 s of each. */
        unsigned want = (unsigned)(done / elapsed * 0.2);
        want = want < 2000 ? 2000 : want;
        double rate = redis_ping_rate(want);
        if (rate <= 0) {
            fprintf(stderr, "bench_server: no figure from redis-benchmark\n");
            redis = false;
            redis_n = 0;
            continue;
        }
        redis_n += want;
        redis_time += want / rate;
        ratios[nratios++] = done / elapsed / rate;
    }
    call_finish(app, call, NULL);
    r.tapix = n / tapix_time;
    r.redis = redis && redis_time > 0 ? redis_n / redis_time : 0;
    if (r.redis > 0 && nratios > 0) {
        qsort(ratios, nratios, sizeof(ratios[0]), compare_doubles);
        r.ratio = ratios[nratios / 2];
        r.ratio_min = ratios[0];
        r.ratio_max = ratios[nratios - 1];
    }
    return r;
}

/* (c): bench_core's call cycles through the server for about 2 s; returns cycles per second. */
static double bench_call_cycles(HLINEAPP app, HLINE line)
{
    for (int i = 0; i < 500; i++)
        call_finish(app, call_connect(app, line, NULL), NULL);
    unsigned cycles = 0;
    double t0 = now_seconds(), elapsed;
    do {
        for (int i = 0; i < 500; i++)
            call_finish(app, call_connect(app, line, NULL), NULL);
        cycles += 500;
        elapsed = now_seconds() - t0;
    } while (elapsed < 2.0);
    return cycles / elapsed;
}

/* One monitoring application of a worker. */
struct monitor {
    HLINEAPP app;
    HLINE line;
    HCALL call; /* the call of the current cycle, 0 between calls */
    long cycle; /* index of the current cycle (the owner's numbering), -1 before the first */
};

/* Records the latency `ns` in `w`'s histogram. */
static void record_latency(struct worker_stats *w, uint64_t ns)
{
    uint64_t bucket = ns / HIST_STEP_NS;
    w->hist[bucket > HIST_BUCKETS ? HIST_BUCKETS : bucket]++;
    if (ns > w->max_ns)
        w->max_ns = ns;
}

/* Handles message `m` of monitor `mon` that arrived at `t`: follows its call, counts and times
 * the measured ones, deallocates the call when it goes idle. */
static void monitor_message(struct shared *sh, struct worker_stats *w, struct monitor *mon,
                            const LINEMESSAGE *m, uint64_t t, bool keep_handles)
{
    HCALL call = m->dwMessageID == LINE_APPNEWCALL ? (HCALL)m->dwParam2 : 0;
    if (m->dwMessageID == LINE_CALLSTATE)
        call = m->hDevice;
    if (call && call != mon->call) { /* a new call: the owner's next cycle */
        mon->call = call;
        mon->cycle++;
    }
    if (mon->cycle < 0 || mon->cycle >= MAX_CYCLES)
        return;
    uint64_t make = atomic_load(&sh->t_make[mon->cycle]);
    if (m->dwMessageID != LINE_CALLSTATE) {
        if (make)
            w->others++;
        return;
    }
    bool after_drop =
        m->dwParam1 == LINECALLSTATE_IDLE || m->dwParam1 == LINECALLSTATE_DISCONNECTED;
    uint64_t stamp = after_drop ? atomic_load(&sh->t_drop[mon->cycle]) : make;
    if (stamp) {
        w->callstates++;
        record_latency(w, t > stamp ? t - stamp : 0);
        w->last_ns = t;
    }
    if (m->dwParam1 == LINECALLSTATE_IDLE) {
        LONG rc = keep_handles ? 0 : lineDeallocateCall(mon->call);
        if (rc != 0)
            die_tapi("lineDeallocateCall (monitor)", rc);
        mon->call = 0;
        atomic_fetch_add(&w->idles, 1);
    }
}

/* A monitor worker process (bench_server --monitor-worker MEMFD INDEX COUNT): opens COUNT
 * applications with line 0 open for monitoring, reports ready, then takes every message with
 * lineGetMessage as its eventfd wakes until the owner says stop. Returns the exit status. */
static int monitor_worker(int shm_fd, int index, int count)
{
    struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
    if (sh == MAP_FAILED)
        die("worker mmap: %s", strerror(errno));
    struct worker_stats *w = &sh->w[index];
    struct monitor *mons = calloc((size_t)count, sizeof(*mons));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (!mons || ep < 0)
        die("worker %d: out of resources", index);
    for (int i = 0; i < count; i++) {
        int fd;
        mons[i].app = app_start("bench monitor", &fd);
        mons[i].cycle = -1;
        LONG rc = lineOpen(mons[i].app, 0, &mons[i].line, API_VERSION, 0, 0,
                           LINECALLPRIVILEGE_MONITOR, 0, NULL);
        if (rc != 0) {
            atomic_store(&w->failed, 1);
            die_tapi("lineOpen (monitor)", rc);
        }
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0)
            die("epoll_ctl: %s", strerror(errno));
    }
    atomic_store(&w->ready, 1);
    struct epoll_event evs[256];
    while (!atomic_load(&sh->stop)) {
        int n = epoll_wait(ep, evs, 256, 50);
        for (int k = 0; k < n; k++) {
            struct monitor *mon = &mons[evs[k].data.u32];
            LINEMESSAGE m;
            while (lineGetMessage(mon->app, &m, 0) == 0)
                monitor_message(sh, w, mon, &m, now_ns(), sh->keep_handles);
        }
    }
    for (int i = 0; i < count; i++)
        lineShutdown(mons[i].app);
    free(mons);
    return 0;
}

/* Sum of the IDLE states every worker has taken. */
static uint64_t total_idles(struct shared *sh, int nworkers)
{
    uint64_t sum = 0;
    for (int i = 0; i < nworkers; i++)
        sum += atomic_load(&sh->w[i].idles);
    return sum;
}

/* Waits until the workers have taken `want` IDLE states, up to `seconds`; false on time out. */
static bool wait_idles(struct shared *sh, int nworkers, uint64_t want, double seconds)
{
    double end = now_seconds() + seconds;
    while (total_idles(sh, nworkers) < want) {
        if (now_seconds() > end)
            return false;
        for (int i = 0; i < nworkers; i++)
            if (atomic_load(&sh->w[i].failed) || waitpid(g.workers[i], NULL, WNOHANG) != 0)
                die("monitor worker %d failed", i);
        sched_yield();
    }
    return true;
}

/* The result of (b). */
struct fanout_result {
    double rate;       /* LINE_CALLSTATE messages delivered per second */
    double other_rate; /* other messages delivered to the monitors per second */
    double p50_ms, p99_ms, max_ms;
    unsigned cycles;
    double per_call; /* LINE_CALLSTATE messages per call per monitor */
    bool complete;   /* every monitor got every state in time */
};

/* The latency below which `q` of the samples of `hist` (`total` of them) lie, in ms. */
static double quantile_ms(const uint64_t *hist, uint64_t total, double q)
{
    uint64_t want = (uint64_t)(q * (double)total), seen = 0;
    for (int b = 0; b <= HIST_BUCKETS; b++) {
        seen += hist[b];
        if (seen > want)
            return (double)(b + 1) * HIST_STEP_NS / 1e6;
    }
    return (double)(HIST_BUCKETS + 1) * HIST_STEP_NS / 1e6;
}

/* (b): starts `nworkers` worker processes with `nmonitors` monitors in all, then owns calls on
 * line 0 for about FANOUT_SECONDS, at most g.window cycles ahead of the slowest monitor;
 * stops the workers and returns the figures. */
static struct fanout_result bench_fanout(HLINEAPP app, HLINE line, int nworkers, int nmonitors,
                                         bool keep_handles)
{
    struct fanout_result r = {0};
    int shm_fd = memfd_create("bench_server", 0);
    if (shm_fd < 0 || ftruncate(shm_fd, sizeof(struct shared)) != 0)
        die("memfd: %s", strerror(errno));
    struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0);
    if (sh == MAP_FAILED)
        die("mmap: %s", strerror(errno));
    sh->keep_handles = keep_handles;
    char exe[4096], fdtext[16], idx[16], cnt[16];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (len <= 0)
        die("readlink /proc/self/exe: %s", strerror(errno));
    exe[len] = 0;
    snprintf(fdtext, sizeof(fdtext), "%d", shm_fd);
    for (int i = 0; i < nworkers; i++) {
        int count = nmonitors / nworkers + (i < nmonitors % nworkers);
        snprintf(idx, sizeof(idx), "%d", i);
        snprintf(cnt, sizeof(cnt), "%d", count);
        char *argv[] = {exe, "--monitor-worker", fdtext, idx, cnt, NULL};
        g.workers[i] = spawn(argv, NULL);
        g.nworkers = i + 1;
    }
    double end = now_seconds() + 30;
    for (int i = 0; i < nworkers; i++)
        while (!atomic_load(&sh->w[i].ready)) {
            if (atomic_load(&sh->w[i].failed) || waitpid(g.workers[i], NULL, WNOHANG) != 0 ||
                now_seconds() > end)
                die("monitor worker %d did not start", i);
            usleep(1000);
        }

    /* Warm-up: cycles without time stamps, which the workers do not measure. */
    unsigned k = 0;
    for (; k < WARMUP_CYCLES; k++) {
        if (!wait_idles(sh, nworkers, (k >= g.window ? k - g.window : 0) * (uint64_t)nmonitors, 10))
            die("the monitors fell behind in the warm-up");
        call_finish(app, call_connect(app, line, NULL), NULL);
    }
    if (!wait_idles(sh, nworkers, (uint64_t)k * nmonitors, 10))
        die("the monitors did not see the warm-up calls");

    uint64_t t0 = now_ns();
    double stop_at = now_seconds() + FANOUT_SECONDS;
    unsigned first = k;
    for (; k < MAX_CYCLES && now_seconds() < stop_at; k++) {
        uint64_t ahead = k - first >= g.window ? k - g.window : first;
        if (!wait_idles(sh, nworkers, ahead * (uint64_t)nmonitors, 10))
            die("the monitors fell 10 s behind");
        HCALL call = call_connect(app, line, &sh->t_make[k]);
        call_finish(app, call, &sh->t_drop[k]);
    }
    r.cycles = k - first;
    r.complete = wait_idles(sh, nworkers, (uint64_t)k * nmonitors, 10);
    uint64_t states = 0, others = 0, last = t0, max = 0;
    uint64_t *hist = calloc(HIST_BUCKETS + 1, sizeof(*hist));
    if (!hist)
        die("out of memory");
    for (int i = 0; i < nworkers; i++) {
        struct worker_stats *w = &sh->w[i];
        states += w->callstates;
        others += w->others;
        if (w->last_ns > last)
            last = w->last_ns;
        if (w->max_ns > max)
            max = w->max_ns;
        for (int b = 0; b <= HIST_BUCKETS; b++)
            hist[b] += w->hist[b];
    }
    atomic_store(&sh->stop, 1);
    for (int i = 0; i < nworkers; i++) {
        for (int t = 0; t < 300 && waitpid(g.workers[i], NULL, WNOHANG) == 0; t++)
            usleep(10000); /* let it shut its applications down itself */
        if (waitpid(g.workers[i], NULL, WNOHANG) != 0)
            g.workers[i] = 0;
        stop_process(&g.workers[i]);
    }
    g.nworkers = 0;
    double elapsed = (double)(last - t0) / 1e9;
    r.rate = elapsed > 0 ? (double)states / elapsed : 0;
    r.other_rate = elapsed > 0 ? (double)others / elapsed : 0;
    r.p50_ms = quantile_ms(hist, states, 0.50);
    r.p99_ms = quantile_ms(hist, states, 0.99);
    r.max_ms = (double)max / 1e6;
    r.per_call = r.cycles ? (double)states / r.cycles / nmonitors : 0;
    free(hist);
    munmap(sh, sizeof(*sh));
    close(shm_fd);
    return r;
}

/* "met" or "MISSED" for a figure against its target. */
static const char *verdict(bool met)
{
    return met ? "met" : "MISSED";
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--monitor-worker") == 0)
        return monitor_worker(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));

    char tapixd[4200] = "";
    int nworkers = 8, nmonitors = 1000;
    const char *only = "abc";
    g.window = 0;
    bool keep_handles = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tapixd") == 0 && i + 1 < argc)
            snprintf(tapixd, sizeof(tapixd), "%s", argv[++i]);
        else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc)
            nworkers = atoi(argv[++i]);
        else if (strcmp(argv[i], "--monitors") == 0 && i + 1 < argc)
            nmonitors = atoi(argv[++i]);
        else if (strcmp(argv[i], "--keep-handles") == 0)
            keep_handles = true;
        else if (strcmp(argv[i], "--window") == 0 && i + 1 < argc)
            g.window = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (argv[i][0] != '-' && !tapixd[0])
            snprintf(tapixd, sizeof(tapixd), "%s", argv[i]);
        else {
            fprintf(stderr, "usage: bench_server [--tapixd PATH] [--workers N] [--monitors N] "
                            "[--window N] [--keep-handles] [--only abc]\n");
            return 2;
        }
    }
    if (nworkers < 1 || nworkers > MAX_WORKERS || nmonitors < nworkers)
        die("--workers must be 1-%d and --monitors at least as many", MAX_WORKERS);
    if (!tapixd[0]) {
        char dir[4096];
        self_dir(dir, sizeof(dir));
        snprintf(tapixd, sizeof(tapixd), "%s/tapixd", dir);
    }
    if (access(tapixd, X_OK) != 0)
        die("no tapixd at %s (give its path with --tapixd)", tapixd);

    g.parent = true;
    atexit(cleanup);
    struct sigaction sa = {.sa_handler = on_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    alarm(180); /* a watchdog: the whole run takes well under a minute */
    snprintf(g.dir, sizeof(g.dir), "/tmp/tapix-bench-XXXXXX");
    if (!mkdtemp(g.dir)) {
        g.dir[0] = 0;
        die("mkdtemp: %s", strerror(errno));
    }
    snprintf(g.tapixd_sock, sizeof(g.tapixd_sock), "%s/tapixd.sock", g.dir);
    snprintf(g.redis_sock, sizeof(g.redis_sock), "%s/redis.sock", g.dir);

    start_tapixd(tapixd);
    bool redis = start_redis();
    char server[160];
    snprintf(server, sizeof(server), "unix:%s", g.tapixd_sock);
    setenv("TAPIX_SERVER", server, 1); /* before the first TAPI call: libtapix's client backend */

    printf("tapixd (pid %d) with the sim provider, through libtapix's client backend on a UNIX "
           "socket\n",
           (int)g.tapixd);
    fflush(stdout);
    HLINEAPP app = app_start("bench owner", NULL);
    HLINE line;
    LONG rc = lineOpen(app, 0, &line, API_VERSION, 0, 0, LINECALLPRIVILEGE_NONE, 0, NULL);
    if (rc != 0)
        die_tapi("lineOpen", rc);

    if (strchr(only, 'a')) {
        struct rtt_result a = bench_round_trips(app, line, redis);
        stop_process(&g.redis);
        printf("(a) sequential round trips (lineGetCallStatus), one client: %.0f/s\n", a.tapix);
        if (a.redis > 0)
            printf("    redis-server PING_MBULK (redis-benchmark -c 1 -P 1): %.0f/s; ratio %.2f "
                   "(median of %d rounds taken in turns, %.2f-%.2f)   (target >= 0.70) %s\n",
                   a.redis, a.ratio, RTT_ROUNDS, a.ratio_min, a.ratio_max,
                   verdict(a.ratio >= 0.70));
        else
            printf("    no Redis figure to compare with (target: >= 0.70 of Redis's)\n");
        fflush(stdout);
    }
    stop_process(&g.redis);

    if (strchr(only, 'b')) {
        struct fanout_result f = bench_fanout(app, line, nworkers, nmonitors, keep_handles);
        printf("(b) one call's state changes fanned out to %d monitoring applications "
               "(%d processes, window %u%s):\n"
               "    %.0f LINE_CALLSTATE messages/s delivered   (target >= 500000) %s\n"
               "    latency from the owner's request to each monitor's lineGetMessage: "
               "p50 %.2f ms, p99 %.2f ms, max %.2f ms   (target p99 < 10 ms) %s\n"
               "    (%u calls, %.1f states per call per monitor, plus %.0f other messages/s%s)\n",
               nmonitors, nworkers, g.window,
               keep_handles ? ", monitors KEEP their call handles: diagnosis only" : "", f.rate,
               verdict(f.rate >= 500000), f.p50_ms, f.p99_ms, f.max_ms, verdict(f.p99_ms < 10),
               f.cycles, f.per_call, f.other_rate, f.complete ? "" : "; SOME STATES NEVER ARRIVED");
        fflush(stdout);
    }

    if (strchr(only, 'c')) {
        double cycles = bench_call_cycles(app, line);
        printf("(c) call cycles per second through tapixd (one thread): %.0f   "
               "(target >= 20000) %s\n",
               cycles, verdict(cycles >= 20000));
    }
    lineClose(line);
    lineShutdown(app);
    return 0;
}
