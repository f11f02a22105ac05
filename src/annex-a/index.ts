// What the app and the command line may use of Ofsted's Annex A lists.

export { runAnnexCommand } from './command.ts'
export { annexAPlugin } from './plugin.ts'
