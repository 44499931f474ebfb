-- The workload that MariadbGoldenTest runs on a throwaway MariaDB to make its binlogs: statement,
-- row and mixed logging, every column type, user variables, INSERT_ID / LAST_INSERT_ID / RAND,
-- session variables that change, LOAD DATA, XA, stored procedures, triggers, several GTID domains
-- and server ids, minimal row image, annotate on and off, compressed events, a file without
-- checksums. FLUSH BINARY LOGS separates the features into files. @LOADFILE@ is replaced by a path.
-- statement-based workload
SET SESSION binlog_format=STATEMENT;
CREATE DATABASE db1;
CREATE DATABASE `we``ird` CHARACTER SET latin1;
USE db1;
CREATE TABLE t1 (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(100), d DOUBLE, ts DATETIME(6)) ENGINE=InnoDB;
CREATE TABLE m1 (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(100)) ENGINE=MyISAM;
INSERT INTO t1 (v) VALUES ('hello'), ('wor''ld');
INSERT INTO m1 (v) VALUES ('x');
SET @s = 'str\nwith\'quote', @i = 42, @neg = -7, @r = 3.25e-10, @dec = 12.3400, @n = NULL, @u = 18446744073709551615, @bin = _binary 0x00ff, @lat = _latin1 'caf\xe9';
INSERT INTO t1 (v) VALUES (@s), (CONCAT(@i, @neg, @r, @dec, IFNULL(@n,'null'), @u, HEX(@bin), @lat));
INSERT INTO t1 (v, d) VALUES ('rand', RAND());
INSERT INTO t1 (v, ts) VALUES ('now6', NOW(6));
INSERT INTO t1 (v) VALUES (LAST_INSERT_ID());
SET sql_mode='ANSI_QUOTES';
INSERT INTO t1 (v) VALUES ('ansi');
SET sql_mode=DEFAULT;
SET auto_increment_increment=5, auto_increment_offset=2;
INSERT INTO t1 (v) VALUES ('inc');
SET auto_increment_increment=1, auto_increment_offset=1;
SET NAMES latin1;
INSERT INTO t1 (v) VALUES ('latin');
SET NAMES utf8mb4;
SET time_zone='+03:00';
INSERT INTO t1 (v) VALUES ('tz');
SET time_zone=SYSTEM;
SET lc_time_names='de_DE';
INSERT INTO t1 (v) VALUES (DATE_FORMAT('2020-01-01','%W'));
SET lc_time_names=DEFAULT;
SET foreign_key_checks=0, unique_checks=0;
INSERT INTO t1 (v) VALUES ('fk');
SET foreign_key_checks=1, unique_checks=1;
BEGIN; INSERT INTO t1 (v) VALUES ('tx1'); INSERT INTO m1 (v) VALUES ('tx2'); COMMIT;
USE `we``ird`;
CREATE TABLE w (a INT);
INSERT INTO w VALUES (1);
USE db1;
DELIMITER //
CREATE PROCEDURE p1() BEGIN INSERT INTO t1 (v) VALUES ('proc;'); SELECT 1; END //
DELIMITER ;
CALL p1();
SET skip_replication=1;
INSERT INTO t1 (v) VALUES ('skiprepl');
SET skip_replication=0;
INSERT INTO t1 (v) VALUES ('after skip');
SET gtid_domain_id=2;
INSERT INTO t1 (v) VALUES ('domain2');
SET gtid_domain_id=0;
SET server_id=7;
INSERT INTO t1 (v) VALUES ('server7');
SET server_id=1;
LOAD DATA INFILE '@LOADFILE@' INTO TABLE t1 FIELDS TERMINATED BY '\t' (v, @dummy);
LOAD DATA INFILE '@LOADFILE@' REPLACE INTO TABLE t1 FIELDS TERMINATED BY '\t' (v, @dummy);
XA START 'xa1'; INSERT INTO t1 (v) VALUES ('xa'); XA END 'xa1'; XA PREPARE 'xa1'; XA COMMIT 'xa1';
INSERT INTO t1 (v) VALUES ('multi
line');
DROP TABLE IF EXISTS nonexist;
CREATE TEMPORARY TABLE tmp1 (a INT);
INSERT INTO tmp1 VALUES (1);
INSERT INTO t1 (v) SELECT a FROM tmp1;
DROP TEMPORARY TABLE tmp1;
ALTER TABLE t1 ADD COLUMN extra INT DEFAULT 5;
SAVEPOINT x;
BEGIN; INSERT INTO t1 (v) VALUES ('sp'); SAVEPOINT s1; INSERT INTO t1 (v) VALUES ('rolled'); ROLLBACK TO SAVEPOINT s1; COMMIT;
FLUSH BINARY LOGS;

SET SESSION binlog_format=ROW;
USE db1;
DROP TABLE IF EXISTS types; CREATE TABLE types (
 id INT AUTO_INCREMENT PRIMARY KEY,
 ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, mi MEDIUMINT, bi BIGINT, biu BIGINT UNSIGNED,
 f FLOAT, dbl DOUBLE, dec1 DECIMAL(10,3), dec2 DECIMAL(30,10),
 b1 BIT(1), b13 BIT(13), dt DATE, tm TIME, tm3 TIME(3), dtt DATETIME, dtt6 DATETIME(6), ts TIMESTAMP NULL, ts2 TIMESTAMP(2) NULL, y YEAR,
 c CHAR(10), cb CHAR(255) CHARACTER SET utf8mb4, vc VARCHAR(300), vb VARBINARY(20), bn BINARY(4),
 tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lb LONGBLOB, e ENUM('a','b','c'), s SET('x','y','z'),
 g GEOMETRY, j JSON, u UUID, i4 INET4, i6 INET6
) ENGINE=InnoDB;
INSERT INTO types VALUES (NULL, -128, 255, -32768, -8388608, -9223372036854775808, 18446744073709551615,
 1.5, -2.25e100, -1234567.891, 12345678901234567890.0123456789,
 b'1', b'1010101010101', '2024-02-29', '-838:59:59', '12:34:56.789', '1000-01-01 00:00:00', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '2001-01-01 00:00:00.12', 2155,
 'abc', 'ünïcödé', REPEAT('x', 299), 0x00FF10, 0x61000000,
 'tiny', 'text\n\ttab', 'medium', 0xDEADBEEF, 'b', 'x,z',
 ST_GeomFromText('POINT(1 2)'), '{"a": [1, 2, {"b": null}]}', '123e4567-e89b-12d3-a456-426614174000', '192.168.0.1', '::1');
INSERT INTO types (id) VALUES (NULL);
INSERT INTO types (ti, vc) VALUES (1, 'one'), (2, 'two'), (3, 'three');
UPDATE types SET vc = CONCAT(vc, '!') WHERE ti IS NOT NULL;
DELETE FROM types WHERE ti = 2;
CREATE TABLE big (id INT PRIMARY KEY, pad VARCHAR(1000)) ENGINE=InnoDB;
INSERT INTO big SELECT seq, REPEAT(CHAR(65 + seq % 26), 900) FROM seq_1_to_300;
UPDATE big SET pad = REPEAT('z', 950) WHERE id <= 200;
DELETE FROM big WHERE id > 250;
SET binlog_annotate_row_events=0;
INSERT INTO types (ti) VALUES (99);
SET binlog_annotate_row_events=1;
SET binlog_row_image=MINIMAL;
UPDATE types SET ti = 100 WHERE ti = 99;
DELETE FROM types WHERE ti = 100;
SET binlog_row_image=FULL;
CREATE TABLE mix (a INT) ENGINE=MyISAM;
INSERT INTO mix VALUES (1),(2);
BEGIN; INSERT INTO types (ti) VALUES (50); INSERT INTO mix VALUES (3); UPDATE types SET ti = 51 WHERE ti = 50; COMMIT;
REPLACE INTO mix () VALUES ();
CREATE TABLE noc (a INT DEFAULT 1);
INSERT INTO noc () VALUES ();
FLUSH BINARY LOGS;

SET GLOBAL log_bin_compress=ON;
SET GLOBAL log_bin_compress_min_len=10;
SET SESSION binlog_format=ROW;
USE db1;
CREATE TABLE c1 (id INT PRIMARY KEY, v VARCHAR(200)) ENGINE=InnoDB;
INSERT INTO c1 VALUES (1, REPEAT('a', 150)), (2, REPEAT('b', 150));
UPDATE c1 SET v = REPEAT('c', 180) WHERE id = 1;
DELETE FROM c1 WHERE id = 2;
SET SESSION binlog_format=STATEMENT;
INSERT INTO c1 VALUES (3, 'statement based insert long enough to be compressed by the server');
SET GLOBAL log_bin_compress=OFF;
FLUSH BINARY LOGS;
SET GLOBAL binlog_checksum=NONE;
SET SESSION binlog_format=ROW;
INSERT INTO c1 VALUES (4, 'nochecksum');
SET SESSION binlog_format=STATEMENT;
INSERT INTO c1 VALUES (5, 'nochecksum stmt');
SET GLOBAL binlog_checksum=CRC32;
SET SESSION binlog_format=ROW;
CREATE DATABASE db2;
USE db2;
CREATE TABLE t2 (id INT PRIMARY KEY, v TEXT);
INSERT INTO t2 VALUES (1, 'db2 row');
INSERT INTO db1.c1 VALUES (6, 'cross-db from db2');
UPDATE db1.c1 JOIN db2.t2 ON c1.id = 6 SET c1.v = 'multi', t2.v = 'multi';
DELETE FROM t2;

FLUSH BINARY LOGS;
SET SESSION binlog_format=STATEMENT;
USE db1;
CREATE TABLE f (a INT);
INSERT INTO f VALUES (0);
SET sql_auto_is_null=1; INSERT INTO f VALUES (1); SET sql_auto_is_null=0;
SET check_constraint_checks=0; INSERT INTO f VALUES (2); SET check_constraint_checks=1;
SET sql_if_exists=1; INSERT INTO f VALUES (3); SET sql_if_exists=0;
SET explicit_defaults_for_timestamp=0; INSERT INTO f VALUES (4); SET explicit_defaults_for_timestamp=1;
SET system_versioning_insert_history=1; INSERT INTO f VALUES (5); SET system_versioning_insert_history=0;
SET autocommit=0; INSERT INTO f VALUES (6); COMMIT; SET autocommit=1;
SET foreign_key_checks=0; INSERT INTO f VALUES (7); SET foreign_key_checks=1;
SET unique_checks=0; INSERT INTO f VALUES (8); SET unique_checks=1;
SET collation_database=latin1_german1_ci; INSERT INTO f VALUES (9);
USE `we``ird`; INSERT INTO w VALUES (10);
USE db1; INSERT INTO f VALUES (11);

FLUSH BINARY LOGS;
SET SESSION binlog_format=MIXED;
USE db1;
XA START 'zz', 'bq', 77; INSERT INTO f VALUES (100); XA END 'zz', 'bq', 77; XA PREPARE 'zz', 'bq', 77; XA ROLLBACK 'zz', 'bq', 77;
XA START 'abc'; INSERT INTO f VALUES (101); XA END 'abc'; XA COMMIT 'abc' ONE PHASE;
SET gtid_domain_id=5; INSERT INTO f VALUES (102); SET gtid_domain_id=3; INSERT INTO f VALUES (103);
SET server_id=9; SET gtid_domain_id=3; INSERT INTO f VALUES (104); SET server_id=1; SET gtid_domain_id=0;
SET SESSION binlog_format=ROW; INSERT INTO f VALUES (105); UPDATE f SET a = a + 1000 WHERE a > 100; SET SESSION binlog_format=MIXED;
INSERT INTO f VALUES (UUID_SHORT() % 2);
CREATE TABLE trg (a INT); CREATE TRIGGER trg_ai AFTER INSERT ON f FOR EACH ROW INSERT INTO trg VALUES (NEW.a);
SET SESSION binlog_format=ROW; INSERT INTO f VALUES (106); SET SESSION binlog_format=MIXED;
DROP TRIGGER trg_ai;
FLUSH BINARY LOGS;
