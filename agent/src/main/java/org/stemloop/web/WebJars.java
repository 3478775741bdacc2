package org.stemloop.web;

import io.vertx.ext.web.RoutingContext;
import org.webjars.WebJarVersionLocator;

/**
 * {@code GET /webjars/NAME/PATH}: a file of a WebJar on the classpath without its version in the URL
 * ({@code /webjars/echarts/dist/echarts.min.js}), so the pages do not change when the pom's version
 * does. Resolved by webjars-locator-lite; {@code ..} segments are refused.
 */
final class WebJars {

    private final WebJarVersionLocator locator = new WebJarVersionLocator();

    void serve(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String rest = ctx.pathParam("*");
        String full = rest == null || rest.contains("..") ? null : locator.fullPath(name, rest);
        if (full == null) {
            Http.error(ctx, 404, "no such WebJar file: " + name + "/" + rest);
            return;
        }
        ctx.response().putHeader("Cache-Control", "max-age=3600");
        ctx.response().sendFile(full).onFailure(ctx::fail);
    }
}
