package org.liaison.node.console;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code {value.urlParam}} in the templates: a value as one parameter of a link's query. */
@TemplateExtension
final class UrlParams {
  private UrlParams() {}

  static String urlParam(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
