import assert from 'node:assert/strict'
import { test } from 'node:test'
import nunjucks from 'nunjucks'
import { plainKey } from './view-macros.ts'

test('a macro’s arguments share a key only when the macro cannot tell them apart', () => {
  assert.equal(
    plainKey({ text: 'Beta', tag: { text: 'Demo' } }),
    plainKey({ text: 'Beta', tag: { text: 'Demo' } }),
  )
  const differ = [
    [{ a: 1 }, { a: '1' }],
    [{ a: null }, { a: 'null' }],
    [{ a: [1, 2] }, { a: '[1,2]' }],
    [{ a: true }, { a: 'true' }],
    [['a,b'], ['a', 'b']],
    [{ 'a":1,"b': 2 }, { a: 1, b: 2 }],
  ]
  for (const [one, other] of differ) assert.notEqual(plainKey(one), plainKey(other))
})

test('undefined values, marked-safe HTML, functions, dates and deep nesting are never remembered', () => {
  for (const value of [
    { a: undefined },
    [1, undefined],
    { n: Number.NaN },
    { html: new nunjucks.runtime.SafeString('<b>x</b>') },
    { caller: () => 'x' },
    { at: new Date(0) },
    [[[[[[[[[[['deep']]]]]]]]]]],
  ])
    assert.equal(plainKey(value), undefined)
})
