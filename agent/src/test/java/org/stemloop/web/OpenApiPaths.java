package org.stemloop.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operations of {@code web-ui/openapi.yaml}, read line by line (the file keeps to two-space indents). */
record OpenApiPaths(String path, String method, boolean open, boolean operatorOnly) {

    static final Path FILE = Path.of("..", "web-ui", "openapi.yaml");
    private static final Pattern PATH = Pattern.compile("^  (/\\S+):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");

    static List<OpenApiPaths> read() throws IOException {
        List<OpenApiPaths> ops = new ArrayList<>();
        String path = null;
        String method = null;
        boolean open = false;
        boolean operatorOnly = false;
        boolean inPaths = false;
        for (String line : Files.readAllLines(FILE)) {
            if (line.equals("paths:")) {
                inPaths = true;
                continue;
            }
            if (!inPaths) {
                continue;
            }
            Matcher p = PATH.matcher(line);
            Matcher m = METHOD.matcher(line);
            if (p.matches() || m.matches()) {
                if (method != null) {
                    ops.add(new OpenApiPaths(path, method, open, operatorOnly));
                }
                method = m.matches() ? m.group(1) : null;
                path = p.matches() ? p.group(1) : path;
                open = false;
                operatorOnly = false;
            } else if (line.strip().equals("x-operator-only: true")) {
                operatorOnly = true;
            } else if (line.strip().equals("security: []")) {
                open = true;
            }
        }
        if (method != null) {
            ops.add(new OpenApiPaths(path, method, open, operatorOnly));
        }
        return ops;
    }

    /** The path with its parameters filled in. */
    String concrete() {
        return path.replaceAll("\\{[^}]+}", "x-1");
    }
}
