package io.binlogkit.emitter;

/**
 * Character set and collation names by collation id as MySQL 8.4 names them ({@code cs->csname},
 * {@code cs->m_coll_name}): below 248 MySQL and MariaDB agree (both name id 33 {@code utf8mb3}), so
 * {@link Charsets} answers; MySQL's own ids (gb18030 and the utf8mb4 {@code _0900_} collations) are
 * listed here. Unknown ids give null.
 */
final class MysqlCollations {
    private MysqlCollations() {
    }

    static String charsetName(int id) {
        if (id >= 248 && id <= 250) {
            return "gb18030";
        }
        if (id >= 255 && id <= 323) {
            return "utf8mb4";
        }
        return id < 248 ? Charsets.name(id) : null;
    }

    static String collationName(int id) {
        return switch (id) {
            case 248 -> "gb18030_chinese_ci";
            case 249 -> "gb18030_bin";
            case 250 -> "gb18030_unicode_520_ci";
            case 255 -> "utf8mb4_0900_ai_ci";
            case 278 -> "utf8mb4_0900_as_cs";
            case 305 -> "utf8mb4_0900_as_ci";
            case 309 -> "utf8mb4_0900_bin";
            default -> id < 248 ? Charsets.collation(id) : null;
        };
    }
}
