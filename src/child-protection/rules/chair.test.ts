import assert from 'node:assert/strict'
import { test } from 'node:test'
import { chooseChair } from './chair.ts'

const ann = { id: '00000000-0000-4000-8000-000000000001', name: 'Ann Chair' }
const bob = { id: '00000000-0000-4000-8000-000000000002', name: 'Bob Clerk' }

test('a chair is chosen from those who may chair', () => {
  const { chair, problem } = chooseChair(ann.id, [ann], { meeting: 'discussion', required: true })
  assert.deepEqual(chair, ann)
  assert.equal(problem, null)
})

test('someone who may not chair is refused, naming the field', () => {
  const { chair, problem } = chooseChair(bob.id, [ann], { meeting: 'conference', required: false })
  assert.equal(chair, null)
  assert.deepEqual(problem, { field: 'chairUserId', text: 'Select someone who may chair the conference' })
})

test('the form asks for a chair when anyone may chair; the API may leave it for later', () => {
  assert.deepEqual(chooseChair(undefined, [ann], { meeting: 'discussion', required: true }).problem, {
    field: 'chairUserId',
    text: 'Select who will chair the discussion',
  })
  assert.equal(chooseChair(undefined, [ann], { meeting: 'discussion', required: false }).problem, null)
  assert.equal(chooseChair(undefined, [], { meeting: 'discussion', required: true }).problem, null)
})
