// Same skeleton as the studio library: one definition.
export { default } from "../studio/assets/loading";
