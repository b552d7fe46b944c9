/*
 * Latency of one random 8-byte read from a buffer of a given size, timed per read the way the
 * suppression lookup benchmark times a lookup (CLOCK_MONOTONIC around the call): the floor any
 * in-memory index pays when its data is not in cache.
 *
 *   cc -O2 -o /tmp/memory-latency Benchmarks/tools/memory-latency.c
 *   /tmp/memory-latency 256   # MiB; buffer on transparent huge pages, like the index tables
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static uint64_t now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    size_t bytes = (size_t)atol(argc > 1 ? argv[1] : "256") << 20, count = bytes / 8;
    uint64_t *buffer = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buffer == MAP_FAILED) return 1;
    madvise(buffer, bytes, MADV_HUGEPAGE);
    for (size_t i = 0; i < count; i++) buffer[i] = i * 0x9E3779B97F4A7C15u;
    enum { samples = 1000000 };
    uint64_t *latency = malloc(samples * sizeof *latency), *timer = malloc(samples * sizeof *timer);
    uint64_t state = 88172645463325252u, sum = 0;
    for (int i = 0; i < samples; i++) {
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        size_t index = state % count;
        uint64_t start = now();
        sum += *(volatile uint64_t *)&buffer[index];
        latency[i] = now() - start;
        start = now();
        timer[i] = now() - start;
    }
    qsort(latency, samples, sizeof *latency, compare);
    qsort(timer, samples, sizeof *timer, compare);
    printf("%zu MiB: random read p50 %llu ns, p99 %llu ns (timer alone p50 %llu ns) [%llu]\n", bytes >> 20,
        (unsigned long long)latency[samples / 2], (unsigned long long)latency[samples * 99 / 100],
        (unsigned long long)timer[samples / 2], (unsigned long long)(sum & 1));
    return 0;
}
