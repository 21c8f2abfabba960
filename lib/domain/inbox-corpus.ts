/**
 * What strangers write, for the sandbox stream and the demo history: Japanese first, some English,
 * comments, DMs, mentions and reviews, praise, questions, complaints, a food-safety scare, spam,
 * hostile messages. Pure and seeded: the same seed gives the same items (demo screenshots stay stable).
 */

export type CorpusKind = "comment" | "dm" | "mention" | "review";
export type CorpusMood = "praise" | "question" | "complaint" | "crisis" | "spam" | "hostile";
export type CorpusLine = { text: string; kind: CorpusKind; mood: CorpusMood };

const L = (mood: CorpusMood, kind: CorpusKind, ...texts: string[]): CorpusLine[] => texts.map((text) => ({ text, kind, mood }));

export const CORPUS: readonly CorpusLine[] = [
  ...L("praise", "comment",
    "新作の抹茶ラテ、ほろ苦さがちょうど良くて最高でした!",
    "いつも丁寧な接客ありがとうございます。渋谷店の店員さんが素敵でした",
    "季節限定のパッケージかわいい〜!写真撮っちゃいました📸",
    "朝の一杯で元気出ます。応援しています!",
    "このシリーズ大好きでリピートしています✨",
    "Love the new seasonal blend! Perfect with breakfast ☕",
    "Beautiful packaging, bought three as gifts 🎁",
  ),
  ...L("question", "comment",
    "このラテにナッツ類は入っていますか?アレルギーがあるので教えてください",
    "オンラインショップでの再販予定はありますか?",
    "大阪の店舗でも買えますか?",
    "カフェインレスのメニューはありますか?",
    "Do you ship to Singapore?",
    "Is the oat milk option available at all stores?",
  ),
  ...L("question", "dm",
    "注文番号 A-20931 の配送状況を教えてください。まだ発送メールが来ていません",
    "ギフト用の包装はお願いできますか?",
    "ポイントカードの移行方法がわかりません",
    "Hi, I was charged twice for order #55120. Could you check?",
    "Can I change the delivery address for my order?",
  ),
  ...L("complaint", "dm",
    "届いた商品のポンプが壊れていました。交換をお願いします",
    "3週間待ってもまだ届かないです。いい加減にしてほしい",
    "店員の対応が悪くて不快でした。二度と行きません",
    "The lid was broken when it arrived. Really disappointed.",
    "I've emailed support three times and no one answers. This is unacceptable.",
  ),
  ...L("complaint", "comment",
    "値上げしすぎでは…残念です",
    "最近味が落ちた気がする。がっかり",
    "新しいボトル、開けにくくてひどい",
    "Worst update ever, bring back the old recipe",
  ),
  ...L("complaint", "review",
    "★1 商品は良いけど配送が遅すぎる。返金してほしい",
    "★2 店内が混雑していて注文から30分待ちました",
    "★5 スタッフさんがとても親切でした。また来ます",
    "★4 Great coffee, a bit pricey",
  ),
  ...L("praise", "mention",
    "@aoba_cafe さんの新作、今年いちばん好きかも",
    "週末は #あおばカフェ でまったり。おいしかった〜",
    "Shoutout to @aoba_cafe for the best latte in Tokyo",
  ),
  ...L("crisis", "comment",
    "買ったパンに異物混入していました。写真あります。どういうことですか?",
    "子どもが食べた後に具合が悪くなりました。食中毒じゃないですか?",
    "ロット2411-Bの件、公式はいつ謝罪するんですか?謝罪しろ",
    "異物混入を隠してるって本当?不買運動広がってるよ",
    "Found plastic in my sandwich. Is there a recall? This could be food poisoning.",
    "Everyone is talking about the contamination. Boycott until they explain.",
  ),
  ...L("crisis", "mention",
    "あおば食品の異物混入、拡散希望。炎上してるのに公式だんまり",
    "@aoba_foods 説明してください。SNSで炎上してますよ",
    "Seriously @aoba_foods, the recall news is everywhere and you're silent",
  ),
  ...L("spam", "comment",
    "副業で月収100万円稼げる方法教えます!プロフ見てね https://bit.ly/3xYzAbc",
    "フォロバ100%!相互フォローしましょう @follow_me_now @f4f_jp @gain_jp @boost_jp @like4like",
    "Free followers!!! check my profile https://tinyurl.com/freefollow",
    "仮想通貨の投資案件、今だけ無料プレゼント中。LINE追加してね https://lin.ee/abcd",
    "Earn money from home 💰💰💰 click the link https://cutt.ly/xx https://cutt.ly/yy",
  ),
  ...L("hostile", "comment",
    "クソみたいな対応だな。責任者出せ",
    "お前らの商品ゴミ。二度と買わない",
    "店員の住所特定した。覚えとけ",
    "This brand is a scam and the staff are idiots",
    "What a stupid company, fuck this",
  ),
];

export const AUTHORS_JA = ["さくら", "ゆうき", "みさき", "たけし", "はるか", "りょう", "あおい", "けんた", "なな", "しょう", "まい", "だいすけ"];
export const AUTHORS_EN = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Mia", "Lucas", "Sophie"];

/** Mulberry32: a tiny seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type StreamMode = "normal" | "slow" | "burst";

/** Mood weights per mode: a burst is mostly the crisis and hostile lines. */
const WEIGHTS: Record<StreamMode, Record<CorpusMood, number>> = {
  normal: { praise: 30, question: 30, complaint: 20, crisis: 3, spam: 10, hostile: 7 },
  slow: { praise: 40, question: 35, complaint: 15, crisis: 0, spam: 8, hostile: 2 },
  burst: { praise: 3, question: 5, complaint: 15, crisis: 55, spam: 2, hostile: 20 },
};

export function pickLine(r: () => number, mode: StreamMode, kinds?: readonly CorpusKind[]): CorpusLine {
  const w = WEIGHTS[mode];
  const pool = CORPUS.filter((l) => (!kinds || kinds.includes(l.kind)) && w[l.mood] > 0);
  const total = pool.reduce((s, l) => s + w[l.mood], 0);
  let x = r() * total;
  for (const l of pool) {
    x -= w[l.mood];
    if (x <= 0) return l;
  }
  return pool[pool.length - 1]!;
}

export function authorFor(r: () => number, text: string): { name: string; handle: string; id: string } {
  const en = /^[\x20-\x7e]/.test(text) && !/[\u3040-\u30ff\u4e00-\u9fff]/.test(text);
  const names = en ? AUTHORS_EN : AUTHORS_JA;
  const name = names[Math.floor(r() * names.length)]!;
  const n = Math.floor(r() * 9000) + 1000;
  const handle = en ? `${name.toLowerCase()}_${n}` : `user_${n}`;
  return { name, handle: `@${handle}`, id: `sbx-user-${handle}` };
}
