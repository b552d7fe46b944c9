import Benchmark

// Placeholder: filled in by its issue.
let benchmarks: @Sendable () -> Void = {
    Benchmark("Suppression placeholder") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(1)
        }
    }
}
