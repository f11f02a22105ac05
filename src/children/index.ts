// What other capabilities may use of children: the child as the access policy sees it.
export {
  findChildResource,
  findChildResources,
  getChildResource,
  getChildResources,
  openableItems,
} from './resources.ts'
