import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
let t = Date.now()
const a = await PGlite.create({ dataDir: 'memory://' })
console.log('plain', Date.now() - t); t = Date.now()
const b = await PGlite.create({ dataDir: 'memory://', extensions: { pg_trgm, fuzzystrmatch } })
console.log('ext', Date.now() - t); t = Date.now()
await b.exec('create extension pg_trgm; create extension fuzzystrmatch; create table x(a int)')
const dump = await b.dumpDataDir('none')
console.log('dump', Date.now() - t, dump.size); t = Date.now()
const c = await PGlite.create({ loadDataDir: dump, extensions: { pg_trgm, fuzzystrmatch } })
console.log('load', Date.now() - t, (await c.query('select count(*) from x')).rows); 
