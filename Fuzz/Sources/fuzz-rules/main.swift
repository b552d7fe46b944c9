import FuzzDriver

runLibFuzzer { data, size in
    RulesFuzz.testOneInput(fuzzInput(data, size))
    return 0
}
