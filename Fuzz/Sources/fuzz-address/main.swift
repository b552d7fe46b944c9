import FuzzDriver

runLibFuzzer { data, size in
    AddressFuzz.testOneInput(fuzzInput(data, size))
    return 0
}
