// Same skeleton as the notifications list: one definition.
export { default } from "../loading";
