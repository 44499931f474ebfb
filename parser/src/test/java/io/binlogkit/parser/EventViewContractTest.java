package io.binlogkit.parser;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bytes in, fields out: the layouts of the non-row event views, built by hand. */
class EventViewContractTest {

    private static EventCursor single(TestBinlog b) {
        EventCursor c = b.open().cursor();
        assertThat(c.next()).isTrue(); // Format_description
        assertThat(c.next()).isTrue();
        return c;
    }

    @Test
    void queryWithStatusVariables() {
        byte[] db = "shop".getBytes(StandardCharsets.UTF_8);
        byte[] sql = "INSERT INTO t VALUES ('é')".getBytes(StandardCharsets.UTF_8);
        TestBinlog.Bytes status = new TestBinlog.Bytes()
                .u8(QueryEventView.Q_FLAGS2).u32(0x4000)                       // OPTION_AUTO_IS_NULL
                .u8(QueryEventView.Q_SQL_MODE).u32(0x5000000).u32(0)
                .u8(QueryEventView.Q_CATALOG_NZ).u8(3).raw("std".getBytes(StandardCharsets.US_ASCII))
                .u8(QueryEventView.Q_AUTO_INCREMENT).u16(2).u16(1)
                .u8(QueryEventView.Q_CHARSET).u16(33).u16(33).u16(8)
                .u8(QueryEventView.Q_TIME_ZONE).u8(6).raw("+01:00".getBytes(StandardCharsets.US_ASCII))
                .u8(QueryEventView.Q_LC_TIME_NAMES).u16(1)
                .u8(QueryEventView.Q_CHARSET_DATABASE).u16(45)
                .u8(QueryEventView.Q_HRNOW).u24(123456)
                .u8(QueryEventView.Q_XID).u32(77).u32(0);
        byte[] st = status.bytes();
        byte[] body = new TestBinlog.Bytes().u32(1001).u32(3).u8(db.length).u16(0).u16(st.length)
                .raw(st).raw(db).u8(0).raw(sql).bytes();
        EventCursor c = single(new TestBinlog().event(EventType.QUERY.code(), body));
        QueryEventView q = c.query();
        assertThat(q.threadId()).isEqualTo(1001);
        assertThat(q.execTime()).isEqualTo(3);
        assertThat(q.errorCode()).isZero();
        assertThat(q.database()).isEqualTo("shop");
        assertThat(q.sql()).isEqualTo("INSERT INTO t VALUES ('é')");
        assertThat(q.flags2()).isEqualTo(0x4000);
        assertThat(q.sqlMode()).isEqualTo(0x5000000L);
        assertThat(q.catalog()).isEqualTo("std");
        assertThat(q.autoIncrementIncrement()).isEqualTo(2);
        assertThat(q.autoIncrementOffset()).isEqualTo(1);
        assertThat(q.charsetClient()).isEqualTo(33);
        assertThat(q.collationServer()).isEqualTo(8);
        assertThat(q.timeZone()).isEqualTo("+01:00");
        assertThat(q.lcTimeNames()).isEqualTo(1);
        assertThat(q.charsetDatabase()).isEqualTo(45);
        assertThat(q.microseconds()).isEqualTo(123456);
        assertThat(q.xid()).isEqualTo(77);
        assertThat(q.has(QueryEventView.Q_INVOKER)).isFalse();
    }

    @Test
    void unknownStatusVariableEndsTheWalkLikeTheServer() {
        byte[] st = new TestBinlog.Bytes().u8(QueryEventView.Q_FLAGS2).u32(1).u8(200).u8(9).u8(9).bytes();
        byte[] body = new TestBinlog.Bytes().u32(1).u32(0).u8(0).u16(0).u16(st.length).raw(st).u8(0)
                .raw("COMMIT".getBytes(StandardCharsets.US_ASCII)).bytes();
        QueryEventView q = single(new TestBinlog().event(EventType.QUERY.code(), body)).query();
        assertThat(q.flags2()).isEqualTo(1);
        assertThat(q.sql()).isEqualTo("COMMIT");
    }

    @Test
    void statusVariablesLongerThanTheEventFailWithTheField() {
        byte[] body = new TestBinlog.Bytes().u32(1).u32(0).u8(0).u16(0).u16(500).u8(0).bytes();
        EventCursor c = single(new TestBinlog().event(EventType.QUERY.code(), body));
        assertThatThrownBy(c::query).isInstanceOf(BinlogFormatException.class)
                .hasMessageContaining("test.bin at offset 251: Query status variables");
    }

    @Test
    void mariaGtidWithXid() {
        byte[] body = new TestBinlog.Bytes().u32(42).u32(0).u32(5)
                .u8(MariaGtidEventView.FL_PREPARED_XA | MariaGtidEventView.FL_TRANSACTIONAL)
                .u32(1).u8(2).u8(1).raw(new byte[] {'a', 'b', 'c'}).bytes();
        MariaGtidEventView g = single(new TestBinlog().event(EventType.MARIADB_GTID.code(), body)).mariaGtid();
        assertThat(g.gtid()).isEqualTo("5-1-42");
        assertThat(g.isStandalone()).isFalse();
        assertThat(g.hasXid()).isTrue();
        assertThat(g.xidGtrid()).containsExactly('a', 'b');
        assertThat(g.xidBqual()).containsExactly('c');
    }

    @Test
    void gtidListWithFlagsInTheCount() {
        byte[] body = new TestBinlog.Bytes().u32(2 | (1 << 28))
                .u32(0).u32(1).u32(7).u32(0)
                .u32(3).u32(2).u32(9).u32(0).bytes();
        GtidListEventView l = single(new TestBinlog().event(EventType.GTID_LIST.code(), body)).gtidList();
        assertThat(l.count()).isEqualTo(2);
        assertThat(l.listFlags()).isEqualTo(1);
        assertThat(l.gtid(0)).isEqualTo("0-1-7");
        assertThat(l.gtid(1)).isEqualTo("3-2-9");
    }

    @Test
    void userVariableOfEveryType() {
        byte[] name = "v".getBytes(StandardCharsets.US_ASCII);
        byte[] intVar = new TestBinlog.Bytes().u32(1).raw(name).u8(0).u8(UserVarEventView.INT_RESULT).u32(63)
                .u32(8).u32(-5).u32(-1).u8(0).bytes();
        UserVarEventView v = single(new TestBinlog().event(EventType.USER_VAR.code(), intVar)).userVar();
        assertThat(v.name()).isEqualTo("v");
        assertThat(v.intValue()).isEqualTo(-5);
        assertThat(v.isUnsigned()).isFalse();
        // DECIMAL(4,2) -12.34: precision, scale, then the binary decimal
        byte[] dec = new TestBinlog.Bytes().u32(1).raw(name).u8(0).u8(UserVarEventView.DECIMAL_RESULT).u32(63)
                .u32(4).u8(4).u8(2).u8(~(0x80 | 12) & 0xFF).u8(~34 & 0xFF).bytes();
        assertThat(single(new TestBinlog().event(EventType.USER_VAR.code(), dec)).userVar().decimalValue())
                .isEqualByComparingTo("-12.34");
        byte[] nul = new TestBinlog.Bytes().u32(1).raw(name).u8(1).bytes();
        assertThat(single(new TestBinlog().event(EventType.USER_VAR.code(), nul)).userVar().isNull()).isTrue();
    }

    @Test
    void eventsAfterStartEncryptionAreReportedAsEncrypted() {
        byte[] start = new TestBinlog.Bytes().u8(1).u32(1).raw(new byte[12]).bytes();
        TestBinlog b = new TestBinlog().event(EventType.START_ENCRYPTION.code(), start)
                .event(EventType.QUERY.code(), new byte[40]);
        EventCursor c = single(b);
        assertThat(c.type()).isEqualTo(EventType.START_ENCRYPTION);
        assertThat(c.startEncryption().keyVersion()).isEqualTo(1);
        long next = c.nextEventOffset();
        assertThatThrownBy(c::next).isInstanceOf(EncryptedBinlogException.class)
                .hasMessageContaining("at offset " + next).hasMessageContaining("does not decrypt");
    }
}
