import Testing

@testable import MailScanner

@Suite struct HTMLTextExtractorTests {
    static func extract(_ html: String) -> HTMLTextExtractor.Result {
        var html = html
        return html.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: 100) }
    }

    @Test(arguments: [
        ("<p>a</p><p>b</p>", "a\n\nb"),
        ("a<br>b<br><br><br>c", "a\nb\n\nc"),
        ("<div>a</div><div>b</div>", "a\nb"),
        ("a   \n\t b", "a b"),
        ("<script>alert('<p>x</p>')</script>a", "a"),
        ("<STYLE>p{}</STYLE>a", "a"),
        ("<head><title>T</title><meta x></head><body>a</body>", "a"),
        ("<head><title>T</title><div>no body tag</div>", "no body tag"),
        ("<!-- <p>c</p> -->a<!doctype html>", "a"),
        ("&amp;&lt;&gt;&quot;&#39;&#x41;&#66;&nbsp;x", "&<>\"'AB x"),
        ("&copy &euro; &hellip; &rsquo;&unknown; &", "\u{A9} \u{20AC} \u{2026} \u{2019}&unknown; &"),
        ("&#150;&#x80;", "\u{2013}\u{20AC}"),  // C1 numbers as windows-1252
        ("a&zwnj;&#8203;b\u{AD}c", "abc"),  // invisible characters dropped
        ("<td>a</td><td>b</td>", "a b"),
        ("a < b and c>d", "a < b and c>d"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("<textarea><p>x</p></textarea>y", "y"),
        ("<a href=x>link</a>", "link"),
    ])
    func visibleText(html: String, expected: String) {
        #expect(Self.extract(html).text == expected)
    }

    @Test(arguments: [
        "<div style=\"display:none\">secret</div>",
        "<span style='DISPLAY : NONE !important'>secret</span>",
        "<span style=\"visibility:hidden\">secret</span>",
        "<span style=\"font-size:0px\">secret</span>",
        "<span style=\"font-size:0\">secret</span>",
        "<span style=\"font-size:1px\">secret</span>",
        "<span style=\"opacity:0\">secret</span>",
        "<span style=\"mso-hide:all\">secret</span>",
        "<div style=\"max-height:0;overflow:hidden\">secret</div>",
        "<div style=\"width:0;height:0;overflow:hidden\">secret</div>",
        "<span style=\"color:#fff;background-color:#fff\">secret</span>",
        "<p hidden>secret</p>",
        "<div style=\"display:none\"><p>secret</p></div>",
    ])
    func hiddenText(html: String) {
        let result = Self.extract(html + "shown")
        #expect(result.hiddenText == "secret")
        #expect(result.text == "shown")
    }

    @Test func notHidden() {
        for html in [
            "<span style=\"font-size:10px\">x</span>", "<div style=\"height:0\">x</div>",
            "<span style=\"opacity:0.9\">x</span>", "<span style=\"color:#fff;background:#000\">x</span>",
        ] {
            #expect(Self.extract(html).hiddenText.isEmpty, "\(html)")
        }
    }

    @Test func linksWithTextAndDecodedQuery() {
        let result = Self.extract(
            """
            <a href=" https://t.example/c?u=https%3A%2F%2Fshop.example%2F&amp;id=7&copy=1 ">Shop <b>now</b></a>
            <a HREF='mailto:unsub@x.example?subject=unsubscribe'><img src=u.png alt="Unsubscribe"></a>
            <area href="/relative/path?a=b+c" alt="Area">
            <a name="anchor-without-href">no link</a>
            """
        )
        #expect(result.links.count == 3)
        let first = result.links[0]
        #expect(first.url == "https://t.example/c?u=https%3A%2F%2Fshop.example%2F&id=7&copy=1")
        #expect(first.host == "t.example")
        #expect(first.path == "/c")
        #expect(
            first.query == [
                .init(name: "u", value: "https://shop.example/"), .init(name: "id", value: "7"),
                .init(name: "copy", value: "1"),
            ]
        )
        #expect(first.text == "Shop now")
        #expect(result.links[1].text == "Unsubscribe")
        #expect(result.links[1].host == "")
        #expect(result.links[1].path == "unsub@x.example")
        #expect(result.links[2].query == [.init(name: "a", value: "b c")])
        #expect(result.links[2].text == "Area")
    }

    @Test(
        arguments: [
            ("<img src=\"https://t.example/p.gif\" width=\"1\" height=\"1\">", 1, 1, true),
            ("<img src=\"https://t.example/p.gif\" width=1px height=0>", 1, 0, true),
            ("<img src=\"https://t.example/p.gif\" style=\"width:1px;height:1px\">", 1, 1, true),
            ("<img src=\"https://t.example/p.gif\" width=\"600\" height=\"200\">", 600, 200, false),
            ("<img src=\"https://t.example/p.gif\" width=\"100%\">", nil, nil, false),
            ("<img src=\"https://t.example/p.gif\">", nil, nil, false),
        ] as [(String, Int?, Int?, Bool)]
    )
    func images(html: String, width: Int?, height: Int?, pixel: Bool) {
        let image = Self.extract(html).images.first
        #expect(image?.host == "t.example")
        #expect(image?.width == width)
        #expect(image?.height == height)
        #expect(image?.isTrackingPixel == pixel)
    }

    @Test func brokenMarkupNeverFails() {
        for html in [
            "<", "<a", "<a href=\"", "&#", "&#x", "&", "</", "<!--", "<!", "<?x", "<img src=", "</a b=\">",
            "<script>", "<style", "<p style=\"display:none",
        ] {
            _ = Self.extract(html)
        }
    }
}
