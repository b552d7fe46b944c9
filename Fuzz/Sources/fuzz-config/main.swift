import FuzzDriver

runLibFuzzer { data, size in
    ConfigFuzz.testOneInput(fuzzInput(data, size))
    return 0
}
