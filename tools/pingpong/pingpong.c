/*
 * pingpong.c: a minimal loopback ping-pong, the reference LoopBench's spin mode is calibrated
 * against (issue 20). One client and one echo server, as two threads (default) or two processes,
 * each pinned to its CPU; the client times every round trip with CLOCK_MONOTONIC and prints one
 * JSON line with the round trips and RTT percentiles in ns. Both ends block in recv, or spin on
 * MSG_DONTWAIT (never sleeping; a send that would block is repeated too).
 *
 *   cc -O2 -o pingpong pingpong.c -lpthread
 *   ./pingpong --transport tcp4 --mode spin --size 64 --duration 1 --cpus 0,1
 *
 * Options: --transport tcp4|udp4|unix-stream, --mode block|spin, --size BYTES (1..65507),
 * --duration SECONDS, --warmup SECONDS (default 0.5), --cpus CLIENT,SERVER (default: unpinned),
 * --processes (fork the server end instead of a thread).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum transport { TCP4, UDP4, UNIX_STREAM };

static enum transport transport = TCP4;
static int spin;
static size_t size = 64;
static double duration_s = 1.0, warmup_s = 0.5;
static int client_cpu = -1, server_cpu = -1;
static int processes;

static void die(const char *what)
{
    fprintf(stderr, "pingpong: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void usage(const char *why)
{
    fprintf(stderr, "pingpong: %s\nusage: pingpong --transport tcp4|udp4|unix-stream --mode block|spin "
                    "[--size B] [--duration S] [--warmup S] [--cpus C,S] [--processes]\n", why);
    exit(2);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void pin(int cpu)
{
    if (cpu < 0)
        return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
        die("sched_setaffinity");
}

/* One send or recv: blocking, or polled with MSG_DONTWAIT until it completes. */
static ssize_t io(int fd, void *buf, size_t len, int sending)
{
    int flags = (spin ? MSG_DONTWAIT : 0) | (sending ? MSG_NOSIGNAL : 0);
    for (;;) {
        ssize_t n = sending ? send(fd, buf, len, flags) : recv(fd, buf, len, flags);
        if (n >= 0)
            return n;
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return -1;
    }
}

/* A whole message: a byte stream may deliver it in pieces; a datagram comes whole. Returns 0 at end of stream. */
static ssize_t whole(int fd, char *buf, size_t len, int sending)
{
    if (transport == UDP4)
        return io(fd, buf, len, sending);
    size_t done = 0;
    while (done < len) {
        ssize_t n = io(fd, buf + done, len - done, sending);
        if (n <= 0)
            return n;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

static void *server_end(void *arg)
{
    int fd = *(int *)arg;
    char *buf = calloc(1, size);
    pin(server_cpu);
    for (;;) {
        ssize_t n = whole(fd, buf, size, 0);
        if (n <= 0)
            break; /* end of stream, or the client's empty datagram */
        if (whole(fd, buf, (size_t)n, 1) < 0)
            break;
    }
    free(buf);
    return NULL;
}

static void nodelay(int fd)
{
    int on = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0)
        die("TCP_NODELAY");
}

/* A connected pair over loopback: fds[0] the client's, fds[1] the server's. */
static void connect_pair(int fds[2])
{
    if (transport == UNIX_STREAM) {
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0)
            die("socketpair");
        return;
    }
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    struct sockaddr_in b = a;
    socklen_t len = sizeof a;
    if (transport == TCP4) {
        int listener = socket(AF_INET, SOCK_STREAM, 0);
        if (listener < 0 || bind(listener, (struct sockaddr *)&a, sizeof a) != 0 || listen(listener, 1) != 0
            || getsockname(listener, (struct sockaddr *)&a, &len) != 0)
            die("listen");
        fds[0] = socket(AF_INET, SOCK_STREAM, 0);
        if (fds[0] < 0 || connect(fds[0], (struct sockaddr *)&a, sizeof a) != 0)
            die("connect");
        fds[1] = accept(listener, NULL, NULL);
        if (fds[1] < 0)
            die("accept");
        close(listener);
        nodelay(fds[0]);
        nodelay(fds[1]);
        return;
    }
    fds[0] = socket(AF_INET, SOCK_DGRAM, 0);
    fds[1] = socket(AF_INET, SOCK_DGRAM, 0);
    if (fds[0] < 0 || fds[1] < 0 || bind(fds[0], (struct sockaddr *)&a, sizeof a) != 0
        || bind(fds[1], (struct sockaddr *)&b, sizeof b) != 0
        || getsockname(fds[0], (struct sockaddr *)&a, &len) != 0 || (len = sizeof b, getsockname(fds[1], (struct sockaddr *)&b, &len)) != 0
        || connect(fds[0], (struct sockaddr *)&b, sizeof b) != 0 || connect(fds[1], (struct sockaddr *)&a, sizeof a) != 0)
        die("udp pair");
}

static int by_value(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Nearest-rank percentile of sorted samples. */
static uint64_t percentile(const uint64_t *sorted, size_t n, double q)
{
    size_t rank = (size_t)(q / 100.0 * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    return sorted[(rank > n ? n : rank) - 1];
}

static void parse(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--processes")) { processes = 1; continue; }
        if (!v) usage("missing value");
        i++;
        if (!strcmp(o, "--transport")) {
            if (!strcmp(v, "tcp4")) transport = TCP4;
            else if (!strcmp(v, "udp4")) transport = UDP4;
            else if (!strcmp(v, "unix-stream")) transport = UNIX_STREAM;
            else usage("unknown transport");
        } else if (!strcmp(o, "--mode")) {
            if (!strcmp(v, "spin")) spin = 1;
            else if (!strcmp(v, "block")) spin = 0;
            else usage("unknown mode");
        } else if (!strcmp(o, "--size")) {
            long s = strtol(v, NULL, 10);
            if (s < 1 || s > 65507) usage("size out of range");
            size = (size_t)s;
        } else if (!strcmp(o, "--duration")) duration_s = strtod(v, NULL);
        else if (!strcmp(o, "--warmup")) warmup_s = strtod(v, NULL);
        else if (!strcmp(o, "--cpus")) {
            if (sscanf(v, "%d,%d", &client_cpu, &server_cpu) != 2) usage("--cpus takes C,S");
        } else usage("unknown option");
    }
    if (duration_s <= 0 || warmup_s < 0) usage("duration must be > 0, warmup >= 0");
}

int main(int argc, char **argv)
{
    parse(argc, argv);
    signal(SIGPIPE, SIG_IGN);
    int fds[2];
    connect_pair(fds);

    pthread_t thread;
    pid_t child = -1;
    if (processes) {
        child = fork();
        if (child < 0)
            die("fork");
        if (child == 0) {
            close(fds[0]);
            server_end(&fds[1]);
            _exit(0);
        }
        close(fds[1]);
    } else if (pthread_create(&thread, NULL, server_end, &fds[1]) != 0) {
        die("pthread_create");
    }

    pin(client_cpu);
    char *request = calloc(1, size), *response = calloc(1, size);
    size_t capacity = 1 << 20, n = 0;
    uint64_t *rtt = malloc(capacity * sizeof *rtt);
    if (!request || !response || !rtt)
        die("malloc");
    uint64_t start = now_ns(), open_at = start + (uint64_t)(warmup_s * 1e9), close_at = open_at + (uint64_t)(duration_s * 1e9);
    uint64_t t0 = 0, t1 = 0;
    for (;;) {
        uint64_t before = now_ns();
        if (before >= close_at)
            break;
        if (whole(fds[0], request, size, 1) != (ssize_t)size || whole(fds[0], response, size, 0) != (ssize_t)size)
            die("round trip");
        uint64_t after = now_ns();
        if (before >= open_at) {
            if (n == 0)
                t0 = before;
            t1 = after;
            if (n == capacity) {
                capacity *= 2;
                rtt = realloc(rtt, capacity * sizeof *rtt);
                if (!rtt)
                    die("realloc");
            }
            rtt[n++] = after - before;
        }
    }

    /* Tell the server to stop: end of stream, or an empty datagram. */
    if (transport == UDP4)
        send(fds[0], request, 0, 0);
    else
        shutdown(fds[0], SHUT_WR);
    if (processes)
        waitpid(child, NULL, 0);
    else
        pthread_join(thread, NULL);

    if (n == 0) {
        fprintf(stderr, "pingpong: no round trip completed in the window\n");
        return 1;
    }
    qsort(rtt, n, sizeof *rtt, by_value);
    double window_s = (double)(t1 - t0) / 1e9;
    printf("{\"tool\":\"pingpong\",\"transport\":\"%s\",\"mode\":\"%s\",\"ends\":\"%s\",\"sizeBytes\":%zu,"
           "\"clientCpu\":%d,\"serverCpu\":%d,\"windowSeconds\":%.6f,\"roundTrips\":%zu,\"transactionsPerSecond\":%.1f,"
           "\"rttMinNs\":%llu,\"rttP50Ns\":%llu,\"rttP99Ns\":%llu,\"rttP999Ns\":%llu,\"rttMaxNs\":%llu}\n",
           transport == TCP4 ? "tcp4" : transport == UDP4 ? "udp4" : "unix-stream", spin ? "spin" : "block",
           processes ? "processes" : "threads", size, client_cpu, server_cpu, window_s, n,
           window_s > 0 ? (double)n / window_s : 0.0, (unsigned long long)rtt[0],
           (unsigned long long)percentile(rtt, n, 50), (unsigned long long)percentile(rtt, n, 99),
           (unsigned long long)percentile(rtt, n, 99.9), (unsigned long long)rtt[n - 1]);
    free(rtt);
    free(request);
    free(response);
    return 0;
}
