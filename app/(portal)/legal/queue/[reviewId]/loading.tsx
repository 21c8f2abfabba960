export { default } from "../../reviews/[postId]/loading";
