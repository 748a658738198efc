package org.liaison.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The size of a stopped node's H2 database: the file, and each table with its indexes ({@code
 * DISK_SPACE_USED}) and row count, biggest first.
 */
public record DatabaseSize(long fileBytes, Map<String, Table> tables) {
  public record Table(long bytes, long rows) {}

  /** Whether the node with this data folder keeps its database in an H2 file there. */
  public static boolean isH2(Path dataDir) {
    return Files.exists(dataDir.resolve("node.mv.db"));
  }

  public static DatabaseSize of(Path dataDir) throws IOException, SQLException {
    Path file = dataDir.resolve("node.mv.db");
    long fileBytes = Files.size(file);
    Map<String, Table> tables = new LinkedHashMap<>();
    String url = "jdbc:h2:file:" + dataDir.resolve("node").toAbsolutePath() + ";ACCESS_MODE_DATA=r";
    try (Connection c = DriverManager.getConnection(url, "", "");
        Statement s = c.createStatement();
        ResultSet names =
            s.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                    + " AND TABLE_TYPE = 'BASE TABLE'")) {
      java.util.List<String> list = new java.util.ArrayList<>();
      while (names.next()) {
        list.add(names.getString(1));
      }
      for (String name : list) {
        try (Statement q = c.createStatement();
            ResultSet size =
                q.executeQuery(
                    "SELECT DISK_SPACE_USED('\""
                        + name
                        + "\"'), (SELECT COUNT(*) FROM \""
                        + name
                        + "\")")) {
          size.next();
          tables.put(name, new Table(size.getLong(1), size.getLong(2)));
        }
      }
    }
    Map<String, Table> sorted = new LinkedHashMap<>();
    tables.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().bytes(), a.getValue().bytes()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return new DatabaseSize(fileBytes, sorted);
  }

  /** Prints the size of a stopped node's database: {@code DatabaseSize DATA_DIR}. */
  public static void main(String[] args) throws Exception {
    DatabaseSize size = of(Path.of(args[0]));
    System.out.printf("file %d bytes%n", size.fileBytes());
    size.tables()
        .forEach(
            (t, s) -> System.out.printf("%-28s %12d bytes %10d rows%n", t, s.bytes(), s.rows()));
  }

  public long tableBytes() {
    return tables.values().stream().mapToLong(Table::bytes).sum();
  }
}
