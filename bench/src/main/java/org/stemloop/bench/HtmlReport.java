package org.stemloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-page HTML report: headed sections of paragraphs, tables and figures (PNG files beside the
 * page, linked relatively so the folder can be copied or zipped whole). No scripts, no styles
 * from outside: it opens from a disk or a mail attachment.
 */
public final class HtmlReport {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport section(String heading) {
        body.append("<h2>").append(escape(heading)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; {@code header} and every row must have the same number of cells. */
    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row of %d cells under a header of %d".formatted(row.size(), header.size()));
            }
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A figure: {@code file} is linked by its name, relative to the page. */
    public HtmlReport figure(Path file, String caption) {
        String name = escape(file.getFileName().toString());
        body.append("<figure><a href=\"").append(name).append("\"><img src=\"").append(name).append("\" alt=\"")
                .append(escape(caption)).append("\"></a><figcaption>").append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** Writes {@code report.html} (or the given name) into {@code dir}. */
    public Path write(Path dir, String fileName) throws IOException {
        String page = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>
                body{font-family:system-ui,sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;color:#222}
                table{border-collapse:collapse;margin:1em 0;font-size:14px}
                th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
                th{background:#f2f2f2}
                td:first-child,th:first-child{text-align:left}
                img{max-width:100%%;border:1px solid #ddd}
                figcaption{color:#555;font-size:14px}
                </style></head><body>
                <h1>%s</h1>
                %s</body></html>
                """.formatted(escape(title), escape(title), body);
        Path file = dir.resolve(fileName);
        Files.writeString(file, page, StandardCharsets.UTF_8);
        return file;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
