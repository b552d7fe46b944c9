import Testing

@testable import MailScanner

/// MJML's compiled output (the markup behind Klaviyo, Mailjet and GetResponse templates) puts
/// `font-size:0px` on every section, column and content wrapper to kill inline-block gaps, and sets the
/// real size on the innermost element. The structure below is what `mjml` emits for an `mj-section` with
/// an `mj-column` holding `mj-text`, `mj-image` and `mj-button` (see the MJML documentation), plus the
/// preheader `mj-preview` writes. Every visible word must survive; the preview must stay hidden.
@Suite struct MJMLOutputTests {
    static let html = """
        <!doctype html><html><head><title></title><style type="text/css">#outlook a { padding:0; }</style></head>
        <body style="word-spacing:normal;">
        <div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;\
        opacity:0;overflow:hidden;">Vorschau: alles zum Frühling</div>
        <div style="">
          <!--[if mso | IE]><table align="center" border="0" cellpadding="0" cellspacing="0" class="" \
        role="presentation" style="width:600px;" width="600" ><tr><td style="line-height:0px;font-size:0px;\
        mso-line-height-rule:exactly;"><![endif]-->
          <div style="margin:0px auto;max-width:600px;">
            <table align="center" border="0" cellpadding="0" cellspacing="0" role="presentation" style="width:100%;">
              <tbody><tr>
                <td style="direction:ltr;font-size:0px;padding:20px 0;text-align:center;">
                  <div class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0px;text-align:left;\
        direction:ltr;display:inline-block;vertical-align:top;width:100%;">
                    <table border="0" cellpadding="0" cellspacing="0" role="presentation" style="vertical-align:top;" \
        width="100%"><tbody>
                      <tr><td align="left" style="font-size:0px;padding:10px 25px;word-break:break-word;">
                        <div style="font-family:Ubuntu, Helvetica, Arial, sans-serif;font-size:13px;line-height:1;\
        text-align:left;color:#000000;">Ihre Bestellung 4711 ist unterwegs.</div>
                      </td></tr>
                      <tr><td align="center" style="font-size:0px;padding:10px 25px;word-break:break-word;">
                        <table border="0" cellpadding="0" cellspacing="0" role="presentation" \
        style="border-collapse:collapse;border-spacing:0px;"><tbody><tr><td style="width:550px;">
                          <img alt="Frühlingsrabatt: 20 % auf alles" height="auto" \
        src="https://cdn.example/banner.png" style="border:0;display:block;outline:none;text-decoration:none;\
        height:auto;width:100%;font-size:13px;" width="550" />
                        </td></tr></tbody></table>
                      </td></tr>
                      <tr><td align="center" vertical-align="middle" style="font-size:0px;padding:10px 25px;\
        word-break:break-word;">
                        <table border="0" cellpadding="0" cellspacing="0" role="presentation" \
        style="border-collapse:separate;line-height:100%;"><tr>
                          <td align="center" bgcolor="#414141" role="presentation" style="border:none;\
        border-radius:3px;cursor:auto;mso-padding-alt:10px 25px;background:#414141;" valign="middle">
                            <a href="https://shop.example/fruehling" style="display:inline-block;background:#414141;\
        color:#ffffff;font-family:Ubuntu, Helvetica, Arial, sans-serif;font-size:13px;font-weight:normal;\
        line-height:120%;margin:0;text-decoration:none;text-transform:none;padding:10px 25px;\
        mso-padding-alt:0px;border-radius:3px;" target="_blank">Jetzt entdecken</a>
                          </td></tr></table>
                      </td></tr>
                    </tbody></table>
                  </div>
                </td>
              </tr></tbody>
            </table>
          </div>
        </div>
        </body></html>
        """

    @Test func everyVisibleWordSurvivesTheZeroFontWrappers() {
        var html = Self.html
        let result = html.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: 100) }
        #expect(result.text.contains("Ihre Bestellung 4711 ist unterwegs."))
        #expect(result.text.contains("Jetzt entdecken"))
        #expect(result.hiddenText == "Vorschau: alles zum Frühling")
        #expect(result.links.first?.text == "Jetzt entdecken")
    }

    @Test func theBannerAltTextAndButtonAreBlocksOfTheirOwn() {
        var html = Self.html
        let result = html.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: 100) }
        #expect(result.blocks.map(\.text) == ["Ihre Bestellung 4711 ist unterwegs.", "", "Jetzt entdecken"])
        #expect(result.blocks[1].altText == "Frühlingsrabatt: 20 % auf alles")
        #expect(result.blocks[1].images == [0])
        #expect(result.blocks[2].links == [0])
    }

    /// Inherited properties: a child's own size or `visibility:visible` overrides its ancestor's; a
    /// subtree hidden for good (`display:none`) stays hidden whatever the child says.
    @Test(arguments: [
        ("<td style=\"font-size:0\"><span style=\"font-size:14px\">shown</span></td>", "shown", ""),
        ("<div style=\"font-size:0px\">gap<p style=\"font-size:1.2em\">shown</p></div>", "shown", "gap"),
        ("<div style=\"visibility:hidden\">x<span style=\"visibility:visible\">shown</span></div>", "shown", "x"),
        ("<div style=\"display:none\"><span style=\"font-size:14px\">secret</span></div>", "", "secret"),
        ("<div style=\"font-size:0\"><span style=\"font-size:1px\">secret</span></div>", "", "secret"),
        ("<div style=\"font-size:14px\"><span style=\"font-size:0\">secret</span> shown</div>", "shown", "secret"),
    ])
    func inheritedSizeAndVisibility(html: String, visible: String, hidden: String) {
        var html = html
        let result = html.withUTF8 { HTMLTextExtractor.extract($0, maxLinks: 100) }
        #expect(result.text == visible)
        #expect(result.hiddenText == hidden)
    }
}
