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

-- Edge values for -v/-vv (log_event_print_value): quotes, backslashes and control bytes in strings,
-- a long CHAR (metadata of bug #37426), FLOAT/DOUBLE forms, odd fractional precisions, negative
-- TIME fractions, zero dates, YEAR 0, a 2-byte ENUM, a 2-byte SET, BIT(9), DECIMAL(2,2), unsigned maxima.
SET SESSION binlog_format=ROW;
SET SESSION sql_mode='';
SET SESSION time_zone='+00:00';
USE db1;
CREATE TABLE vv (id INT PRIMARY KEY, c CHAR(255) CHARACTER SET utf8mb4, s VARCHAR(50) CHARACTER SET latin1,
  b VARBINARY(20), f FLOAT, d DOUBLE, t3 TIME(3), t1 TIME(1), dt2 DATETIME(2), dt5 DATETIME(5),
  ts3 TIMESTAMP(3) NULL DEFAULT NULL, y YEAR, dz DATE, e ENUM('m1','m2','m3','m4','m5','m6','m7','m8','m9','m10','m11','m12','m13','m14','m15','m16','m17','m18','m19','m20','m21','m22','m23','m24','m25','m26','m27','m28','m29','m30','m31','m32','m33','m34','m35','m36','m37','m38','m39','m40','m41','m42','m43','m44','m45','m46','m47','m48','m49','m50','m51','m52','m53','m54','m55','m56','m57','m58','m59','m60','m61','m62','m63','m64','m65','m66','m67','m68','m69','m70','m71','m72','m73','m74','m75','m76','m77','m78','m79','m80','m81','m82','m83','m84','m85','m86','m87','m88','m89','m90','m91','m92','m93','m94','m95','m96','m97','m98','m99','m100','m101','m102','m103','m104','m105','m106','m107','m108','m109','m110','m111','m112','m113','m114','m115','m116','m117','m118','m119','m120','m121','m122','m123','m124','m125','m126','m127','m128','m129','m130','m131','m132','m133','m134','m135','m136','m137','m138','m139','m140','m141','m142','m143','m144','m145','m146','m147','m148','m149','m150','m151','m152','m153','m154','m155','m156','m157','m158','m159','m160','m161','m162','m163','m164','m165','m166','m167','m168','m169','m170','m171','m172','m173','m174','m175','m176','m177','m178','m179','m180','m181','m182','m183','m184','m185','m186','m187','m188','m189','m190','m191','m192','m193','m194','m195','m196','m197','m198','m199','m200','m201','m202','m203','m204','m205','m206','m207','m208','m209','m210','m211','m212','m213','m214','m215','m216','m217','m218','m219','m220','m221','m222','m223','m224','m225','m226','m227','m228','m229','m230','m231','m232','m233','m234','m235','m236','m237','m238','m239','m240','m241','m242','m243','m244','m245','m246','m247','m248','m249','m250','m251','m252','m253','m254','m255','m256','m257','m258','m259','m260','m261','m262','m263','m264','m265','m266','m267','m268','m269','m270','m271','m272','m273','m274','m275','m276','m277','m278','m279','m280','m281','m282','m283','m284','m285','m286','m287','m288','m289','m290','m291','m292','m293','m294','m295','m296','m297','m298','m299','m300'), st SET('a','b','c','d','e','f','g','h','i','j'),
  bt BIT(9), d22 DECIMAL(2,2), d40 DECIMAL(40,10), mu MEDIUMINT UNSIGNED, bu BIGINT UNSIGNED, tu TINYINT UNSIGNED,
  tx TINYTEXT, j JSON) ENGINE=InnoDB;
INSERT INTO vv VALUES (1, 'it''s a \\ back\nslash\ttab\0z', 'caf\xe9', X'00FF1F20277F5C', 1.5e-7, 0.1,
  '-00:00:00.500', '-12:34:56.7', '2024-02-29 23:59:59.99', '0000-00-00 00:00:00.00000', '2038-01-19 03:14:07.999',
  0, '0000-00-00', 'm300', 'a,j', b'100000001', 0.99, -0.0000000001, 16777215, 18446744073709551615, 255,
  'line\r\nnext', '{"a": "it''s", "b": [1, 2.5]}');
INSERT INTO vv VALUES (2, '', NULL, '', 123456789, 1e300, '838:59:59.999', '00:00:00.0', '1000-01-01 00:00:00.01',
  '9999-12-31 23:59:59.99999', '1970-01-01 00:00:01.000', 1901, '2024-01-02', 'm1', '', b'0', -0.99,
  123456789012345678901234567890.0123456789, 0, 9223372036854775808, 0, NULL, NULL),
  (3, NULL, 'x', NULL, -3.4e38, -2.5e-300, NULL, NULL, NULL, NULL, NULL, 2155, '9999-12-31', NULL, 'b,c,d,e,f,g,h,i',
  b'111111111', 0, -99999999999999999999999999999.9999999999, 1, 1, 1, '', '[]');
UPDATE vv SET f = f * 2, d = -d, s = 'O''Neil\\' WHERE id <= 2;
SET binlog_row_image=MINIMAL;
UPDATE vv SET t3 = '-00:00:01.001' WHERE id = 3;
SET binlog_row_image=NOBLOB;
UPDATE vv SET y = 2000 WHERE id = 1;
SET binlog_row_image=FULL;
DELETE FROM vv WHERE id = 2;
