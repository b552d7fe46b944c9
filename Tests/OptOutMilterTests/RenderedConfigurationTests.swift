import OptOutMilter
import Testing

/// What `config check` prints reads back as the same configuration, whatever the strings hold.
/// Each input is one the configuration fuzzer's invariant caught the renderer writing wrongly.
@Suite struct RenderedConfigurationTests {
    @Test(arguments: [
        "socket: \"unix:/tmp/a #b\"\n",
        "declared:\n  header: \"!x\"\n",
        "socket_owner: \"a\\nb\"\n",
        "audit:\n  path: \"a\\u0007b\"\n",
        "socket_group: \"tab\\there \\u2028 line\"\n",
        "actions:\n  reject_text: \"5.7.1 say \\\"no\\\" \\\\ back\"\n",
    ])
    func theRenderedConfigurationReadsBackTheSame(yaml: String) throws {
        let configuration = try OptOutMilterConfiguration.parse(yaml: yaml, file: "in.yaml")
        let rendered = configuration.renderedYAML
        let reread = try OptOutMilterConfiguration.parse(yaml: rendered, file: "rendered.yaml")
        #expect(reread == configuration, "\(rendered)")
        #expect(reread.renderedYAML == rendered)
    }
}
