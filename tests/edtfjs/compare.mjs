// Randomized comparison of Uchronia's EDTF reading with edtf.js, the reference JavaScript implementation:
// generated level 0-2 strings (and mutated, mostly invalid ones) go to `uchronia date --format json` and to
// edtf.js; validity must agree, and so must the bounds wherever the standard fixes them.
//
//   UCHRONIA=build/release/src/uchronia node tests/edtfjs/compare.mjs [--count N] [--seed S]
//
// Exit 0 when they agree, 1 listing the first disagreements, 2 on a usage or harness error.
// Where edtf.js and the standard differ the standard wins; those cases (listed in
// tests/unit/date/edtf_level2_test.cpp) are recognised by knownDifference() and counted, not failed.
import { execFileSync } from 'node:child_process'
import edtf from 'edtf'

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(name)
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : dflt
}
const COUNT = opt('--count', 4000)
const SEED = opt('--seed', Number(process.env.EDTF_SEED ?? 17))
const BIN = process.env.UCHRONIA
if (!BIN || !Number.isFinite(COUNT) || !Number.isFinite(SEED)) {
  console.error('usage: UCHRONIA=path/to/uchronia node compare.mjs [--count N] [--seed S]')
  process.exit(2)
}

// mulberry32: a small seeded generator, so that a failure is reproduced by its seed.
let state = SEED >>> 0
function rand() {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
const pick = (xs) => xs[int(0, xs.length - 1)]
const chance = (p) => rand() < p
const pad = (v, n) => String(v).padStart(n, '0')

const qual = () => pick(['?', '~', '%'])
function digitsWithX(text, p) {
  return [...text].map((c) => (chance(p) ? 'X' : c)).join('')
}
function year4() {
  let y = pad(int(0, 2100), 4)
  if (chance(0.1)) y = pad(int(0, 9999), 4)
  if (chance(0.15)) y = y.slice(0, 4 - int(1, 4)).padEnd(4, 'X')  // 19XX: from the right
  else if (chance(0.08)) y = digitsWithX(y, 0.3)                   // 1X8X: anywhere
  return (chance(0.08) ? '-' : '') + y
}
function longYear() {
  let s = 'Y' + (chance(0.3) ? '-' : '')
  if (chance(0.5)) s += int(1, 99) + 'E' + int(1, 9)
  else s += String(int(10000, 999999999))
  return s
}
function month() {
  if (chance(0.1)) return pick(['XX', '1X', 'X1', 'X2', '0X'])
  if (chance(0.12)) return String(int(21, 41))
  if (chance(0.03)) return pick(['00', '13', '20', '42'])
  return pad(int(1, 12), 2)
}
function day() {
  if (chance(0.08)) return pick(['XX', '1X', '3X', 'X5', '0X'])
  return pad(int(1, 31), 2)
}
// A date of level 0-2: components with qualifiers before (that component) or after (it and those to the left).
function date(allowTime = true) {
  if (chance(0.06)) {
    let s = longYear()
    if (chance(0.2) && s.includes('E') === false) s += 'S' + int(1, 3)
    return s
  }
  if (chance(0.05)) return pad(int(1000, 2100), 4) + 'S' + int(1, 4)
  const comps = [year4()]
  const n = pick([1, 1, 2, 2, 3, 3, 3])
  if (n >= 2) comps.push(month())
  if (n >= 3 && Number(comps[1]) < 21) comps.push(day())
  const plain = comps.join('-')
  if (allowTime && comps.length === 3 && !plain.includes('X') && chance(0.1)) {
    const t = `T${pad(int(0, 23), 2)}:${pad(int(0, 59), 2)}:${pad(int(0, 59), 2)}`
    return plain + t + pick(['', 'Z', '+01:00', '-05', '+0430'])
  }
  if (chance(0.35)) return plain + qual()  // level 1: the whole date
  if (chance(0.2)) {                      // level 2: components
    const k = int(0, comps.length - 1)
    if (chance(0.5)) comps[k] = (k === 0 && comps[0].startsWith('-') ? '' : '') + qual() + comps[k]
    else comps[k] = comps[k] + qual()
    return comps.join('-')
  }
  return plain
}
function member() {
  const a = date(false)
  if (chance(0.2) && /^\d{4}(-\d\d)?$/.test(a)) {  // a run of one precision
    const b = a.length === 4 ? pad(Number(a) + int(0, 5), 4) : a.slice(0, 5) + pad(int(Number(a.slice(5)), 12), 2)
    return `${a}..${b}`
  }
  return a
}
function set() {
  const n = int(1, 4)
  const items = Array.from({ length: n }, member)
  if (chance(0.2) && !items[0].includes('..')) items[0] = '..' + items[0]
  else if (chance(0.2) && !items[n - 1].includes('..')) items[n - 1] += '..'
  const body = items.join(chance(0.3) ? ', ' : ',')
  return chance(0.5) ? `[${body}]` : `{${body}}`
}
function end() {
  if (chance(0.1)) return '..'
  if (chance(0.05)) return ''
  return date(false)
}
function mutate(s) {
  const i = int(0, s.length)
  switch (int(0, 2)) {
    case 0: return s.slice(0, i) + s.slice(i + 1)
    case 1: return s.slice(0, i) + pick(['-', '/', 'X', '?', '~', '0', '9', '.', ',', 'S', 'E']) + s.slice(i)
    default: return s.slice(0, i) + pick(['1', 'X', '-']) + s.slice(i + 1)
  }
}
function generate() {
  let s
  const r = rand()
  if (r < 0.55) s = date()
  else if (r < 0.8) s = `${end()}/${end()}`
  else s = set()
  if (chance(0.12)) s = mutate(s)
  return s
}

// Bounds as ISO days, like `uchronia date`: at least four year digits, '-' when negative.
function isoDay(ms) {
  const d = new Date(ms)
  const y = d.getUTCFullYear()
  const year = (y < 0 ? '-' : '') + pad(Math.abs(y), 4)
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`
}
function refBound(v) {
  if (v === Infinity || v === -Infinity) return null
  if (!Number.isFinite(v)) return undefined  // beyond JavaScript dates (|year| > 275,760): not compared
  return isoDay(v)
}
// A set's reference bounds from edtf.js's own members: the earliest lower and latest upper bound.
function refSetBounds(obj) {
  let lo = Infinity, hi = -Infinity
  for (const v of obj.values) {
    for (const m of Array.isArray(v) ? v : [v]) {
      lo = Math.min(lo, m.min)
      hi = Math.max(hi, m.max)
    }
  }
  return [obj.earlier ? -Infinity : lo, obj.later ? Infinity : hi]
}

// Documented differences where this project follows the standard (see the test file named above).
// `ref` is edtf.js's verdict on the whole string.
function knownDifference(s, ref) {
  if (/-[?~%]?(2[1-9]|3\d|4[01])(?!\d)/.test(s))
    return 'divisions of a year: edtf.js maps spring to January-March and refuses qualified ones (its level 3)'
  if (/Y-?\d+E\d+/.test(s) && s.match(/Y-?(\d+)E(\d+)/).slice(1).reduce((a, b) => a.length + Number(b)) > 15)
    return 'years of more than 15 digits: refused here (bounds are day numbers)'
  if (/Y/.test(s) && /[?~%]/.test(s)) return 'qualified long years: refused by edtf.js'
  if (/-(X[3-9]|3X)(?!\d)/.test(s)) return 'masks with one real value (month X8 = 08, day 3X of a 30-day month): refused by edtf.js'
  if (/(^|[\/\[{,.]|, )-?[?~%]-?[\dX]{4}[?~%]/.test(s)) return 'a year qualified before and after (~1008?): edtf.js reads that on a day only'
  if (/-X0(?!\d)/.test(s)) return 'day X0 (10, 20 or 30): edtf.js bounds it 01-21'
  if (/S\d/.test(s)) return 'significant digits: edtf.js keeps the estimated year only'
  if (/T.*([+-]\d\d(:?\d\d)?|Z)$/.test(s)) return 'date-times: bounded here by the written calendar day'
  if (/(^|\/)\//.test(s) || s.startsWith('/') || s.endsWith('/')) return 'unknown interval ends: edtf.js gives them day 0 (1970-01-01)'
  if (/X/.test(s) && /[?~%]/.test(s)) return 'qualified dates with unspecified digits (201X?): refused by edtf.js'
  if (/(^|[\/\[{,.]|, )[?~%]?-[\dX]*X/.test(s) || (/(^|[\/\[{,.]|, )[?~%]?-/.test(s) && /X/.test(s)))
    return 'negative years with unspecified digits: edtf.js bounds them as positive ones'
  if (/(^|[\/\[{,.])[?~%]?-?(\d{2,3}|\d{5,})[?~%]?(?=$|[\/\]},.])/.test(s))
    return 'ISO 8601-2 decades (198), centuries (19) and unprefixed long years: not EDTF'
  if (ref === 'invalid' && s.includes('/')) {
    // edtf.js's interval grammar refuses some pairs of ends it reads alone (0167~/0785-~08-15, 1849/XXXX).
    const ends = s.split('/').filter((e) => e !== '' && e !== '..')
    if (ends.every((e) => reference(e).valid)) return 'interval ends edtf.js reads alone but not together'
  }
  if (ref === 'invalid' && /^[\[{]/.test(s)) {
    // edtf.js's set grammar refuses members it reads alone ([Y12345], [1984~]).
    const members = s.slice(1, -1).split(/, ?/).flatMap((m) => m.split('..')).filter((m) => m !== '')
    if (members.every((m) => reference(m).valid)) return 'set members edtf.js reads alone but not in a set'
  }
  return null
}

function reference(s) {
  let obj
  try {
    obj = edtf(s)
  } catch {
    return { valid: false }
  }
  const [lo, hi] = obj.type === 'Set' || obj.type === 'List' ? refSetBounds(obj) : [obj.min, obj.max]
  return { valid: true, lower: refBound(lo), upper: refBound(hi), type: obj.type }
}

const inputs = []
const seen = new Set()
while (inputs.length < COUNT) {
  const s = generate()
  if (s === '' || s.startsWith('--') || seen.has(s)) continue
  seen.add(s)
  inputs.push(s)
}

const ours = []
for (let i = 0; i < inputs.length; i += 200) {
  const batch = inputs.slice(i, i + 200)
  let out
  try {
    out = execFileSync(BIN, ['date', '--format', 'json', ...batch], { encoding: 'utf8', maxBuffer: 64 << 20 })
  } catch (e) {
    out = e.stdout  // exit 1: some dates are invalid
    if (typeof out !== 'string' || e.status !== 1) {
      console.error(`harness: ${BIN} date failed: ${e.message}`)
      process.exit(2)
    }
  }
  const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l))
  if (lines.length !== batch.length) {
    console.error(`harness: ${batch.length} dates sent, ${lines.length} reports back`)
    process.exit(2)
  }
  lines.forEach((r, k) => {
    if (r.input !== batch[k]) {
      console.error(`harness: sent ${JSON.stringify(batch[k])}, the report is for ${JSON.stringify(r.input)}`)
      process.exit(2)
    }
  })
  ours.push(...lines)
}

let validBoth = 0, invalidBoth = 0, boundsCompared = 0, known = 0
const failures = []
inputs.forEach((s, i) => {
  const u = ours[i]
  const usValid = u.valid && u.edtf === s  // read as EDTF, not as a typed form
  const ref = reference(s)
  if (usValid !== ref.valid) {
    if (knownDifference(s, ref.valid ? 'valid' : 'invalid')) return void ++known
    failures.push(`${JSON.stringify(s)}: Uchronia ${usValid ? 'valid' : 'invalid (' + u.error + ')'}, edtf.js ${ref.valid ? 'valid' : 'invalid'}`)
    return
  }
  if (!usValid) return void ++invalidBoth
  ++validBoth
  if (knownDifference(s, 'valid')) return void ++known
  if (ref.lower === undefined || ref.upper === undefined) return
  ++boundsCompared
  if (u.lower !== ref.lower || u.upper !== ref.upper)
    failures.push(`${JSON.stringify(s)}: bounds ${u.lower}..${u.upper}, edtf.js ${ref.lower}..${ref.upper}`)
})

console.log(`edtf.js comparison, seed ${SEED}: ${inputs.length} strings; valid in both ${validBoth}, invalid in both ` +
  `${invalidBoth}, bounds compared ${boundsCompared}, documented differences ${known}, disagreements ${failures.length}`)
if (failures.length) {
  for (const f of failures.slice(0, 40)) console.log('  ' + f)
  process.exit(1)
}
