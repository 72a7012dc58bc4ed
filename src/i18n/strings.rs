//! The text table: every UI string's key with its Chinese and its English text.
//!
//! Chinese follows the words RabbitMQ users in China use (生产者, 消费者, 交换机, 队列, 持久化,
//! 确认, 死信, 预取, 手动确认, 幂等); protocol names (`x-match`, `basic.qos`, `autoAck`) stay as
//! the broker spells them. The `same` section holds units and proper names, written once and
//! shown as is in both languages. Field help says what a switch does in a real broker; the
//! lesson number is added from the field's catalogue entry (`editor::fields`), not written here.

macro_rules! strings {
    (
        translated { $($key:ident => $zh:literal, $en:literal;)* }
        same { $($same:ident => $text:literal;)* }
    ) => {
        /// A UI string. Each has a Chinese and an English text; see [`crate::i18n::t`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key {
            $($key,)*
            $($same,)*
        }

        impl Key {
            /// Every key, in the table's order.
            pub const ALL: &'static [Key] = &[$(Key::$key,)* $(Key::$same,)*];
            /// Units and proper names: the same text in both languages.
            pub const SAME_IN_BOTH: &'static [Key] = &[$(Key::$same,)*];

            /// The key's name in the code (`"ProducerConfirm"`), for messages and tests.
            pub fn name(self) -> &'static str {
                match self {
                    $(Key::$key => stringify!($key),)*
                    $(Key::$same => stringify!($same),)*
                }
            }
        }

        pub(super) fn zh(key: Key) -> &'static str {
            match key {
                $(Key::$key => $zh,)*
                $(Key::$same => $text,)*
            }
        }

        pub(super) fn en(key: Key) -> &'static str {
            match key {
                $(Key::$key => $en,)*
                $(Key::$same => $text,)*
            }
        }
    };
}

strings! {
translated {
    // ── App ─────────────────────────────────────────────────────────────────────────────────
    AppTitle => "MQ Lab 消息队列实验室", "MQ Lab: the message queue lab";
    UntitledScenario => "未命名场景", "Untitled scenario";
    LanguageSwitch => "语言", "Language";
    Preset => "预设场景", "Preset";
    PresetBlank => "空白画布", "Blank canvas";
    LessonN => "第 {0} 课", "Lesson {0}";
    HelpWithLesson => "{0}第 {1} 课。", "{0} Lesson {1}.";

    // ── Palette and component kinds ─────────────────────────────────────────────────────────
    PaletteTitle => "组件", "Components";
    KindProducer => "生产者", "Producer";
    KindExchange => "交换机", "Exchange";
    KindQueue => "队列", "Queue";
    KindConsumer => "消费者", "Consumer";
    KindNode => "Broker 节点", "Broker node";
    KindStore => "下游存储", "Downstream store";
    PaletteProducerHint => "发送消息的应用，比如下单服务", "An application that publishes messages, such as an order service";
    PaletteExchangeHint => "接收生产者的消息，按绑定规则路由到队列", "Takes the producers' messages and routes them to queues by its bindings";
    PaletteQueueHint => "存放消息，直到消费者取走并确认", "Holds messages until a consumer takes and acknowledges them";
    PaletteConsumerHint => "从队列取消息并处理，把结果写入下游存储", "Takes messages from a queue, processes them and writes the result to the store";
    PaletteNodeHint => "运行 RabbitMQ 的一台服务器；多个节点组成集群", "One server running RabbitMQ; several nodes form a cluster";
    PaletteStoreHint => "消费者处理结果的去处（如数据库）；在这里统计重复与乱序", "Where consumers apply their effects (a database); duplicates and disorder are counted here";

    // ── Canvas ──────────────────────────────────────────────────────────────────────────────
    CanvasHint => "从组件面板拖入画布；从一个组件拖到另一个组件即可连线", "Drag from the palette onto the canvas; drag from one component to another to connect them";
    Undo => "撤销", "Undo";
    Redo => "重做", "Redo";
    Delete => "删除", "Delete";
    AutoLayout => "自动布局", "Auto layout";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    ZoomFit => "适应窗口", "Fit to window";
    Shortcuts => "快捷键", "Keyboard shortcuts";
    ShortcutsHelp => "Delete 删除 · Ctrl+Z 撤销 · Ctrl+Shift+Z 重做 · 方向键 微调 · +/− 缩放 · 空格 运行/暂停 · . 单步", "Delete removes · Ctrl+Z undoes · Ctrl+Shift+Z redoes · arrows nudge · +/− zoom · Space runs/pauses · . steps";
    WirePublish => "发布到", "publishes to";
    WireBinding => "绑定", "binding";
    WireConsume => "消费", "consumes";
    WireDeadLetter => "死信", "dead letters";
    WirePlacement => "位于节点", "on node";
    BindingKey => "绑定键", "Binding key";
    BindingKeyHelp => "direct 交换机投递路由键与它相同的消息；topic 交换机中 * 匹配一个单词，# 匹配零个或多个单词；fanout 和 headers 交换机不看它。", "A direct exchange delivers messages whose routing key equals it; in a topic exchange * matches one word and # zero or more; fanout and headers exchanges ignore it.";
    BindingHeaders => "绑定的消息头", "Binding headers";
    EmptyKey => "（空键）", "(empty key)";
    Selected => "已选中", "Selected";
    Crashed => "已宕机", "Crashed";
    QueueDepth => "队列深度", "Queue depth";

    // ── Wire refusals ───────────────────────────────────────────────────────────────────────
    RefuseMissing => "这个组件已经不存在了。", "That component no longer exists.";
    RefuseSameComponent => "组件不能连到自己：从它拖到另一个组件。", "A component cannot connect to itself: drag from it to another component.";
    RefuseAlreadyConnected => "这两个组件已经连上了。", "These two are already connected.";
    RefuseDuplicateBinding => "这个交换机已经用同样的绑定键绑定了这个队列；同一个绑定只能有一个。要让更多消息进来，改一下现有绑定的键。", "This exchange is already bound to this queue with the same key; a binding exists once. To let more messages in, change the existing binding's key.";
    RefuseProducerToProducer => "生产者之间不相连：把每个生产者连到一个交换机。", "Producers do not connect to each other: connect each producer to an exchange.";
    RefuseProducerToQueue => "在 RabbitMQ 中生产者把消息发到交换机，而不是直接发到队列：先把生产者连到交换机，再把交换机绑定到这个队列。", "In RabbitMQ a producer publishes to an exchange, never straight to a queue: connect the producer to an exchange, then bind the exchange to this queue.";
    RefuseQueueToProducer => "生产者不从队列读消息，消费者才读：把队列连到一个消费者。", "A producer does not read from a queue; a consumer does: connect the queue to a consumer.";
    RefuseProducerConsumer => "生产者和消费者从不直接通信，这正是消息队列带来的解耦：在它们之间放一个交换机和一个队列。", "A producer and a consumer never talk directly; that is the decoupling a message queue brings: put an exchange and a queue between them.";
    RefuseExchangeToExchange => "RabbitMQ 支持交换机绑定交换机，但本实验没有模拟：请把交换机绑定到队列。", "RabbitMQ can bind an exchange to another exchange, but this lab does not model it: bind the exchange to a queue.";
    RefuseExchangeConsumer => "消费者从队列读消息，而不是从交换机读：先把交换机连到一个队列，再把队列连到消费者。", "A consumer reads from a queue, not from an exchange: connect the exchange to a queue first, then the queue to the consumer.";
    RefuseExchangeNode => "交换机不部署在某个节点上：RabbitMQ 把交换机作为元数据保存在集群的每个节点上，路由发生在生产者所连的节点。", "An exchange is not placed on a node: RabbitMQ keeps exchanges as metadata on every node of the cluster, and routing happens on the node the producer is connected to.";
    RefuseQueueToQueue => "队列不能把消息直接交给另一个队列。要把消息转走，给这个队列设一个死信交换机（把队列连到交换机），再把那个交换机绑定到下一个队列。", "A queue cannot hand messages straight to another queue. To move messages on, give this queue a dead-letter exchange (connect the queue to an exchange) and bind that exchange to the next queue.";
    RefuseConsumerToConsumer => "消费者之间不传递消息：每个消费者都从队列读。把一个队列连到每个消费者。", "Consumers do not pass messages to each other: each reads from a queue. Connect a queue to each consumer.";
    RefuseNodeToNode => "同一集群的节点之间已经互通；节点间延迟在场景设置里调整。", "The nodes of one cluster are already connected to each other; set the latency between them in the scenario settings.";
    RefuseNotConnected => "这条连线已经不存在了。", "That wire no longer exists.";

    // ── Edit refusals ───────────────────────────────────────────────────────────────────────
    EditIdTaken => "“{0}”已被使用（{1}）；整个场景中 ID 必须唯一。", "\"{0}\" is already in use ({1}); ids must be unique in the whole scenario.";
    EditIdEmpty => "ID 不能为空。", "An id must not be empty.";
    EditIdTooLong => "ID 最多 {0} 个字符。", "An id has at most {0} characters.";
    EditIdSpaces => "ID 不能包含空格或控制字符。", "An id holds no spaces or control characters.";
    EditNoSuchComponent => "没有 ID 为“{0}”的组件。", "There is no component with id \"{0}\".";
    EditUnknownField => "这个组件没有名为“{0}”的设置。", "This component has no setting called \"{0}\".";
    EditNotANumber => "“{0}”不是数字。", "\"{0}\" is not a number.";
    EditTooMany => "{0}最多 {1} 个，这样浏览器才能保持流畅。", "A scenario holds at most {1} of this kind ({0}), to keep the browser responsive.";
    EditNotBinding => "这条连线不是绑定，没有绑定键。", "This wire is not a binding; it has no binding key.";
    NotConnectedExchange => "未连接：从这个生产者拖一条线到一个交换机。", "Not connected: drag a wire from this producer to an exchange.";
    NotConnectedQueue => "未连接：从一个队列拖一条线到这个消费者。", "Not connected: drag a wire from a queue to this consumer.";

    // ── Inspector ───────────────────────────────────────────────────────────────────────────
    InspectorTitle => "属性", "Inspector";
    InspectorEmpty => "选中一个组件即可编辑它的设置。", "Select a component to edit its settings.";
    ScenarioSettings => "场景设置", "Scenario settings";
    DefaultValue => "默认：{0}", "default: {0}";
    ValueNone => "无", "none";
    ValueNever => "永不", "never";
    ValueNoLimit => "不限", "no limit";
    ValueFirstNode => "第一个节点", "the first node";
    ValueQueueNode => "队列所在节点", "the queue's node";
    ValueOwnRoutingKey => "沿用消息的路由键", "the message's own routing key";
    ValueHorizonHundredth => "运行时长的 1/100", "a hundredth of the run";
    ValueOneBurst => "只突发一次", "a single burst";
    ValueRunStart => "运行开始时", "the start of the run";
    ValueAllHeaders => "all（全部匹配）", "all";
    ValueToTheEnd => "直到运行结束", "to the end of the run";
    AddStep => "添加一步", "Add a step";
    AddPartition => "添加一次分区", "Add a partition";
    AddHeader => "添加消息头", "Add a header";
    RemoveItem => "移除", "Remove";
    HeaderName => "名称", "Name";
    HeaderValue => "值", "Value";
    StepAt => "从（秒）", "From (s)";
    StepRate => "速率（条/秒）", "Rate (msg/s)";
    PartitionAt => "开始（秒）", "Starts (s)";
    PartitionFor => "持续（秒）", "Lasts (s)";
    ErrorsHere => "这里有问题", "Problems here";

    // ── Groups ──────────────────────────────────────────────────────────────────────────────
    GroupGeneral => "基本", "General";
    GroupWorkload => "流量", "Workload";
    GroupRouting => "路由", "Routing";
    GroupReliability => "可靠性", "Reliability";
    GroupExpiry => "过期与死信", "Expiry and dead letters";
    GroupCapacity => "容量与限制", "Capacity and limits";
    GroupProcessing => "消费处理", "Processing";
    GroupPlacement => "节点与部署", "Nodes and placement";
    GroupNetwork => "网络", "Network";
    GroupSchedule => "上线与下线", "Start and stop";
    GroupRun => "运行", "Run";

    // ── Choices ─────────────────────────────────────────────────────────────────────────────
    ChoiceConstant => "恒定", "Constant";
    ChoicePoisson => "泊松", "Poisson";
    ChoiceBursts => "突发", "Bursts";
    ChoiceSchedule => "时间表", "Schedule";
    ChoiceConfirmNone => "无（发完不管）", "None (fire and forget)";
    ChoiceTransaction => "事务", "Transaction";
    ChoicePublisherConfirms => "发布确认（confirm）", "Publisher confirms";
    ChoiceDirect => "direct（直连）", "Direct";
    ChoiceFanout => "fanout（广播）", "Fanout";
    ChoiceTopic => "topic（主题）", "Topic";
    ChoiceHeaders => "headers（按消息头）", "Headers";
    ChoiceMatchAll => "all：全部匹配", "all: every header";
    ChoiceMatchAny => "any：任一匹配", "any: one header is enough";
    ChoiceDropHead => "丢弃队首（drop-head）", "Drop the oldest (drop-head)";
    ChoiceRejectPublish => "拒收新消息（reject-publish）", "Refuse the new one (reject-publish)";
    ChoiceRejectPublishDlx => "拒收并转死信（reject-publish-dlx）", "Refuse and dead-letter (reject-publish-dlx)";
    ChoiceSingle => "单节点", "Single node";
    ChoiceClassic => "普通集群", "Classic cluster";
    ChoiceMirrored => "镜像队列", "Mirrored";
    ChoiceQuorum => "仲裁队列", "Quorum";
    ChoiceExponential => "指数分布", "Exponential";
    ChoiceUniform => "均匀分布", "Uniform";
    ChoiceLognormal => "对数正态", "Log-normal";
    ChoiceAckAuto => "自动确认（autoAck）", "Automatic (autoAck)";
    ChoiceAckManual => "手动确认", "Manual";
    ChoiceIdempotencyNone => "不做幂等", "None";
    ChoiceUpsertByKey => "按主键更新（有则 update）", "Upsert by key";
    ChoiceDedupeIds => "按消息 ID 去重（如 Redis）", "Dedupe by message id";
    ChoiceUniqueConstraint => "数据库唯一键约束", "Unique constraint";

    // ── Units ───────────────────────────────────────────────────────────────────────────────
    UnitPerS => "条/秒", "msg/s";
    UnitOpsPerS => "次/秒", "ops/s";
    UnitMessages => "条", "messages";
    UnitSeconds => "秒", "s";
    UnitTimes => "倍", "×";

    // ── Fields: shared ──────────────────────────────────────────────────────────────────────
    FieldId => "组件 ID", "Id";
    FieldIdHelp => "组件的名字，在整个场景中唯一；连线、故障和图表都用它来指代这个组件。", "The component's name, unique in the whole scenario; wires, faults and charts refer to it by this name.";
    LinkLatency => "网络延迟", "Network latency";
    LinkLatencyHelp => "客户端到所连节点的单程时延。每次确认或 ack 都要一个往返，这正是同步调用和事务慢的原因。", "One-way delay between this client and its broker node. Every confirm or ack costs a round trip, which is what makes synchronous calls and transactions slow.";
    LinkJitter => "延迟抖动", "Jitter";
    LinkJitterHelp => "额外的随机延迟，在 0 到该值之间均匀分布；和 TCP 一样，投递仍然保持顺序。", "Extra random delay, uniform between 0 and this; delivery stays in order, as over TCP.";
    LinkLoss => "丢包率", "Packet loss";
    LinkLossHelp => "一次传输（发布、确认、投递或 ack）被丢掉的概率。发布确认和手动确认会发现并重发；不等确认的发布和自动确认的投递就直接丢了。", "Chance that one transfer (a publish, a confirm, a delivery or an ack) is dropped. Confirms and manual acks notice and send again; fire-and-forget publishes and auto-ack deliveries are simply lost.";
    LinkPartitions => "网络分区", "Network partitions";
    LinkPartitionsHelp => "这些时间段内链路上什么都过不去，就像网线或交换设备坏了。", "Intervals during which nothing crosses this link, as when a cable or a switch fails.";

    // ── Fields: producer ────────────────────────────────────────────────────────────────────
    ProducerExchange => "发布到交换机", "Publishes to";
    ProducerExchangeHelp => "这个生产者发布消息的交换机。RabbitMQ 中生产者从不直接写队列，而是由交换机把消息路由到绑定的队列。", "The exchange this producer publishes to. In RabbitMQ a producer never writes to a queue directly: the exchange routes each message to the queues bound to it.";
    ProducerNode => "连接的节点", "Connected to node";
    ProducerNodeHelp => "生产者连接的 Broker 节点，默认第一个节点。集群中，发往其他节点上队列的消息要在节点之间多转一跳。", "The broker node the producer's connection goes to; by default the first node. In a cluster, a message for a queue on another node takes an extra hop between nodes.";
    ProducerShape => "流量形态", "Traffic shape";
    ProducerShapeHelp => "发送速率如何变化：恒定（均匀间隔）、泊松（随机到达，像彼此独立的用户）、突发（基础速率加周期性高峰）或按时间表分段变化。", "How the send rate varies: constant (evenly spaced), Poisson (random arrivals, like independent users), bursts (a base rate with periodic peaks) or a schedule of rate steps.";
    ProducerRate => "发送速率", "Rate";
    ProducerRateHelp => "每秒产生的消息数（突发形态下指两次突发之间的速率）。", "Messages created per second (with bursts: the rate between bursts).";
    ProducerBurstRate => "突发速率", "Burst rate";
    ProducerBurstRateHelp => "突发期间每秒的消息数：队列要吸收的流量高峰，即削峰填谷里的“峰”。", "Messages per second while a burst is on: the peak the queue has to absorb so the consumers need not (peak shaving).";
    ProducerFirst => "首次突发时间", "First burst at";
    ProducerFirstHelp => "第一次突发开始的时刻，从运行开始算起。", "When the first burst starts, counted from the start of the run.";
    ProducerEvery => "突发周期", "Burst every";
    ProducerEveryHelp => "从一次突发开始到下一次突发开始的时间；留空表示只突发一次。", "Time from the start of one burst to the start of the next; empty: a single burst.";
    ProducerBurstLength => "突发时长", "Burst length";
    ProducerBurstLengthHelp => "每次突发持续多久。", "How long each burst lasts.";
    ProducerSteps => "速率时间表", "Rate schedule";
    ProducerStepsHelp => "从每一步的时刻起，生产者按该步的速率发送；第一步之前不发送。", "From each step's time on, the producer sends at that step's rate; before the first step it is quiet.";
    ProducerPoisson => "泊松到达", "Poisson arrivals";
    ProducerPoissonHelp => "按当前速率随机（泊松）到达，而不是均匀间隔：真实流量即使平均速率稳定也会忽高忽低。", "Random (Poisson) arrivals at the current rate instead of evenly spaced ones: real traffic comes in clumps even at a steady average.";
    ProducerKeys => "消息键数量", "Keys";
    ProducerKeysHelp => "每条消息从 0 … n−1 中随机取一个键（如订单号、用户 ID）。顺序按键判断：同一个键的消息应按发送顺序被处理。", "Each message gets a key drawn from 0 … n−1 (an order id, a user id). Order is judged per key: messages of one key should be processed in the order they were sent.";
    ProducerRoutingKey => "路由键", "Routing key";
    ProducerRoutingKeyHelp => "每条消息携带的路由键，其中 {key} 会替换为消息的键。direct 交换机投到绑定键与之相同的队列；topic 交换机按模式匹配。按键拆分队列就靠它。", "The routing key on each message; {key} is replaced by the message's key. A direct exchange delivers to queues whose binding key equals it, a topic exchange matches it against patterns; this is how messages are split into one queue per key.";
    ProducerHeaders => "消息头", "Headers";
    ProducerHeadersHelp => "每条消息携带的消息头；headers 交换机按消息头而不是路由键来路由。", "Headers on each message; a headers exchange routes by them instead of by the routing key.";
    ProducerPersistent => "消息持久化", "Persistent messages";
    ProducerPersistentHelp => "deliveryMode = 2：持久化队列会把消息写入磁盘，Broker 重启后消息还在。两者缺一不可：非持久化队列里的持久化消息照样会丢。", "Delivery mode 2: a durable queue writes the message to disk, so it survives a broker restart. Both are needed: a persistent message in a non-durable queue is still lost.";
    ProducerTtl => "消息 TTL", "Message TTL";
    ProducerTtlHelp => "单条消息的过期时间（expiration）：在队列里待得更久的消息到达队首时过期（队列有死信交换机则成为死信）。消息 TTL 与队列 TTL 取较小者。", "Per-message expiration: a message that waits longer expires when it reaches the head of its queue (dead-lettered if the queue has a dead-letter exchange). The smaller of message and queue TTL wins.";
    ProducerConfirm => "确认模式", "Confirm mode";
    ProducerConfirmHelp => "生产者怎样得知 Broker 收到了消息。无：发出即不管，发出后丢了就是丢了。事务（tx.select/tx.commit）：一次一条同步等待，吞吐量低。发布确认：消息被安全存储后（持久化消息要落盘）Broker 逐条 ack，生产者重发没有被 ack 的消息。", "How the producer learns the broker has the message. None: fire and forget; whatever is lost after sending is gone. Transaction (tx.select/tx.commit): one message at a time, synchronous and slow. Publisher confirms: the broker acks each message once it is safely stored (on disk for persistent messages); the producer resends what is not acked.";
    ProducerTimeout => "确认超时", "Confirm timeout";
    ProducerTimeoutHelp => "超过这个时间仍没收到确认，生产者就认为消息丢了并重发。超时太短会把只是慢了的消息也重发一遍，造成重复。", "With no confirm after this long the producer assumes the message was lost and resends it. Too short a timeout also resends messages that were only slow: duplicates.";
    ProducerRetries => "重试次数", "Retries";
    ProducerRetriesHelp => "第一次发送之后最多重发几次；仍然失败就放弃并报告发送失败（算作退回，不算丢失：应用知道它失败了）。", "Resends after the first attempt; after the last the producer gives up and reports failure (rejected, not lost: the application knows).";
    ProducerBackoff => "重试间隔", "Retry backoff";
    ProducerBackoffHelp => "每次重发前等待的时间，免得把本已吃力的 Broker 压垮。", "Wait before each resend, so that a struggling broker is not flooded.";
    ProducerInFlight => "最大未确认数", "Max in flight";
    ProducerInFlightHelp => "同时允许已发出但未确认的消息数；满了之后新消息在本地发件箱里排队。事务模式下固定为 1。", "Messages sent but not yet confirmed at once; when full, new messages wait in the outbox. Under transactions it is always 1.";
    ProducerOutbox => "发件箱上限", "Outbox limit";
    ProducerOutboxHelp => "本地等待发送窗口的消息数上限；超过后新消息当场被拒绝，退回给应用。", "Messages waiting locally for a free send slot; beyond it new messages are refused at once and handed back to the application.";
    ProducerStart => "开始发送", "Starts at";
    ProducerStartHelp => "生产者开始发送的时刻（虚拟时间）。", "When the producer starts sending, in virtual time.";
    ProducerStop => "停止发送", "Stops at";
    ProducerStopHelp => "从这一刻起生产者不再产生新消息；留空表示一直发送。", "From then on the producer creates no new messages; empty: it never stops.";

    // ── Fields: exchange ────────────────────────────────────────────────────────────────────
    ExchangeKindLabel => "交换机类型", "Exchange type";
    ExchangeKindHelp => "direct：投到绑定键与路由键相同的队列。fanout：投到所有绑定的队列，加消费者不必改生产者。topic：绑定模式中 * 匹配一个单词、# 匹配任意个单词。headers：按消息头匹配。", "Direct: to queues whose binding key equals the routing key. Fanout: to every bound queue, so consumers can be added without touching the producer. Topic: binding patterns where * matches one word and # any number. Headers: by message headers.";
    ExchangeXMatchHelp => "headers 交换机的匹配方式：all 要求绑定里的每个消息头都匹配；any 匹配一个就够。", "For a headers exchange: all means every header of the binding must match; any means one is enough.";

    // ── Fields: queue ───────────────────────────────────────────────────────────────────────
    QueueDurable => "持久化队列", "Durable";
    QueueDurableHelp => "持久化队列在 Broker 重启后依然存在，其中已落盘的持久化消息也还在；非持久化队列重启后是空的。仲裁队列总是持久化的。", "A durable queue survives a broker restart together with its persistent messages on disk; a non-durable queue comes back empty. Quorum queues are always durable.";
    QueueMaxLength => "最大长度", "Max length";
    QueueMaxLengthHelp => "队列最多容纳的就绪消息数（x-max-length）；留空表示不限。再来一条时怎么办由溢出策略决定。", "Ready messages the queue holds at most (x-max-length); empty: no limit. What happens to one more is the overflow policy's choice.";
    QueueOverflow => "溢出策略", "Overflow";
    QueueOverflowHelp => "drop-head：丢掉最旧的消息（有死信交换机则转为死信）。reject-publish：拒收新消息（开启确认时返回 nack，否则悄悄丢掉）。reject-publish-dlx：拒收并转为死信。", "drop-head: the oldest message goes (dead-lettered if there is a dead-letter exchange). reject-publish: the new one is refused (nacked under confirms, silently dropped without). reject-publish-dlx: refused and dead-lettered.";
    QueueTtl => "队列 TTL", "Queue TTL";
    QueueTtlHelp => "x-message-ttl：待得比这更久的消息在队首过期；配置了死信交换机时成为死信，而不是直接消失。过期的消息只能靠重新导入来补偿。", "x-message-ttl: messages older than this expire at the head of the queue; with a dead-letter exchange they become dead letters instead of vanishing. Expired messages can only be made good by publishing them again.";
    QueueDlx => "死信交换机", "Dead-letter exchange";
    QueueDlxHelp => "过期、溢出以及被拒绝且不重新入队的消息会发到这里（x-dead-letter-exchange），可以暂存、排查、再重新发布，而不是丢掉。", "Where expired, overflowing and rejected-without-requeue messages go (x-dead-letter-exchange), to be parked, inspected and published again instead of lost.";
    QueueDlxKey => "死信路由键", "Dead-letter routing key";
    QueueDlxKeyHelp => "死信使用的路由键（x-dead-letter-routing-key）；留空则沿用消息原来的路由键。", "The routing key dead letters get (x-dead-letter-routing-key); empty: they keep their own.";
    QueuePlacement => "部署方式", "Placement";
    QueuePlacementHelp => "单节点；普通集群（数据只在一个节点上，其他节点只有元数据）；镜像队列（每个镜像复制每条消息：开销大，不能线性扩展）；仲裁队列（Raft：多数节点落盘后才确认）。", "Single node; classic cluster (the data lives on one node, the others only know where it is); mirrored (every mirror copies every message: costly, no linear scaling); quorum (Raft: confirmed once a majority has it on disk).";
    QueueNode => "所在节点", "Home node";
    QueueNodeHelp => "保存队列数据的节点，留空表示第一个节点。连到其他节点的客户端要经它转发；它宕机时队列不可用。", "The node that holds the queue's data; empty: the first node. Clients connected elsewhere go through it, and while it is down the queue is unavailable.";
    QueueNodes => "副本节点", "Replica nodes";
    QueueNodesHelp => "保存副本的节点，第一个是主节点（leader）。主节点宕机后，下一个存活的节点带着它已有的数据接管。", "The nodes that hold a copy; the first leads. When the leader dies, the next live one takes over with what it had.";

    // ── Fields: consumer ────────────────────────────────────────────────────────────────────
    ConsumerQueue => "消费的队列", "Reads from";
    ConsumerQueueHelp => "这个消费者读取的队列。同一队列上的多个消费者轮流分摊消息，谁也看不到完整有序的消息流。", "The queue this consumer reads from. Several consumers on one queue share its messages in turn, so none of them sees the whole stream in order.";
    ConsumerNode => "连接的节点", "Connected to node";
    ConsumerNodeHelp => "消费者连接的 Broker 节点，留空表示队列所在的节点。普通集群中连到别的节点时，每条消息都要先从队列所在节点拉过来。", "The broker node the consumer's connection goes to; empty: the queue's own node. On another node of a classic cluster, every message is first pulled across from the queue's node.";
    ConsumerThreads => "线程数", "Threads";
    ConsumerThreadsHelp => "同时处理的消息数。线程越多吞吐越高，但同一个键的消息可能乱序完成。", "Messages processed at once. More threads raise throughput, but messages of one key may then finish out of order.";
    ConsumerService => "处理耗时分布", "Service time";
    ConsumerServiceHelp => "处理一条消息要多久：恒定、指数分布（无记忆，排队论 M/M/1 的假设）、两值之间均匀分布，或对数正态（长尾，像真实服务）。处理慢于到达，积压就会越来越多。", "How long processing one message takes: constant, exponential (memoryless, as in queueing theory's M/M/1), uniform between two values, or log-normal (a long tail, like real services). Slower than the arrivals, and the backlog grows.";
    ConsumerServiceMs => "每条耗时", "Time per message";
    ConsumerServiceMsHelp => "每条消息都正好花这么久。", "Every message takes exactly this long.";
    ConsumerServiceMean => "平均耗时", "Mean time";
    ConsumerServiceMeanHelp => "平均处理时间；每条的实际耗时围绕它按指数分布变化。", "The average processing time; each message's time varies exponentially around it.";
    ConsumerServiceMin => "最短耗时", "Shortest";
    ConsumerServiceMinHelp => "处理耗时在最短和最长之间均匀分布。", "Processing times are drawn uniformly between the shortest and the longest.";
    ConsumerServiceMax => "最长耗时", "Longest";
    ConsumerServiceMaxHelp => "均匀分布的上限，不能小于最短耗时。", "The top of the uniform range; not below the shortest.";
    ConsumerServiceMedian => "中位耗时", "Median";
    ConsumerServiceMedianHelp => "一半消息比它快；尾巴有多长由 sigma 决定。", "Half the messages take less than this; sigma decides how long the tail is.";
    ConsumerServiceSigma => "离散度 sigma", "Sigma";
    ConsumerServiceSigmaHelp => "对数正态的离散程度：0 即恒定；为 1 时尾巴很长，百分之一的消息比中位数慢十倍。", "Spread of the log-normal: 0 is constant; at 1 the tail is long, one message in a hundred ten times slower than the median.";
    ConsumerPrefetch => "预取数量", "Prefetch";
    ConsumerPrefetchHelp => "basic.qos：Broker 一次最多推给这个消费者的未确认消息数。大一些能让线程一直有活干；自动确认时，这也是消费者崩溃时会丢的量。", "basic.qos: unacked deliveries the broker sends this consumer at once. Higher keeps the threads busy; under auto-ack it is also what a crash of the consumer loses.";
    ConsumerAck => "确认方式", "Acknowledgement";
    ConsumerAckHelp => "自动确认：Broker 一发出消息就删掉，消费者还没处理完就崩溃，手里的消息全丢。手动确认：处理完才 ack；未 ack 的消息会重新投递，可能造成重复消费。", "Automatic: the broker forgets a message the moment it sends it, so a consumer that crashes mid-work loses all it held. Manual: the consumer acks after processing; unacked messages are delivered again, which can cause duplicates.";
    ConsumerFailure => "处理失败率", "Failure rate";
    ConsumerFailureHelp => "处理一条消息失败并 nack 的概率，就像四个下游系统里有一个没执行成功，整体结果却已经返回成功。", "Chance that processing one message fails and the consumer nacks it, like one of four downstream systems failing after the request was already answered as a success.";
    ConsumerRequeue => "失败后重新入队", "Requeue on failure";
    ConsumerRequeueHelp => "失败时 nack 并重新入队（消息会再投递一次），或者不重新入队（有死信交换机时成为死信，否则被丢弃）。", "On failure, nack with requeue (the message is delivered again) or without (dead-lettered, or discarded if the queue has no dead-letter exchange).";
    ConsumerIdempotency => "幂等处理", "Idempotency";
    ConsumerIdempotencyHelp => "让重复投递的消息无害：有则更新而不是插入、先查已处理消息 ID 的记录、或靠数据库唯一键拒绝第二次插入。", "How the consumer makes a repeated delivery harmless: update instead of insert, look the id up in a store of processed ids, or let a unique key refuse the second insert.";
    ConsumerStart => "上线时间", "Joins at";
    ConsumerStartHelp => "消费者开始订阅的时刻；消费者上线下线，生产者毫无感知。", "When the consumer subscribes; consumers come and go without the producer noticing.";
    ConsumerStop => "下线时间", "Leaves at";
    ConsumerStopHelp => "消费者取消订阅，未确认的消息回到队列；留空表示一直在线。", "The consumer cancels, and its unacked messages go back to the queue; empty: it stays.";

    // ── Fields: node ────────────────────────────────────────────────────────────────────────
    NodeCapacity => "处理能力", "Capacity";
    NodeCapacityHelp => "节点每秒能做的操作数：接收一次发布、存一份副本、在节点间转发一次。镜像会在每个节点上都消耗它。", "Broker operations per second: accepting a publish, storing a replica, forwarding between nodes. Mirroring spends it on every node.";
    NodeFsync => "fsync 耗时", "fsync time";
    NodeFsyncHelp => "一次刷盘的时间。持久化队列里的持久化消息要落盘后才确认；刷盘期间到达的写入合并进下一次刷盘（组提交）。", "Time for one disk flush. Persistent messages in durable queues are confirmed only after it; writes arriving meanwhile share the next flush (group commit).";

    // ── Fields: scenario ────────────────────────────────────────────────────────────────────
    ScenarioName => "名称", "Name";
    ScenarioNameHelp => "场景的标题，分享链接和导出的文件里都带着它。", "The scenario's title; share links and exported files carry it.";
    ScenarioDescription => "说明", "Description";
    ScenarioDescriptionHelp => "给打开这个场景的人看的说明：它演示什么，该留意什么。", "A note for whoever opens the scenario: what it shows and what to watch.";
    ScenarioSeedHelp => "所有随机数都由这一个数决定：场景和种子相同，每条消息的结局都完全相同。", "One number drives every random draw: the same scenario and seed give the same run, to the message.";
    ScenarioHorizonHelp => "一次运行持续的虚拟时间。", "Virtual time one run lasts.";
    ScenarioBucket => "图表粒度", "Chart bucket";
    ScenarioBucketHelp => "图表上每个点覆盖的时间；留空为运行时长的百分之一。", "The time one point of the charts covers; empty: a hundredth of the run.";
    ScenarioInterNode => "节点间延迟", "Latency between nodes";
    ScenarioInterNodeHelp => "Broker 节点之间的单程时延，复制和普通集群转发都要付出。", "One-way delay between broker nodes, paid by replication and classic-cluster forwarding.";

    // ── Run controls ────────────────────────────────────────────────────────────────────────
    Run => "运行", "Run";
    Pause => "暂停", "Pause";
    Continue => "继续", "Continue";
    StepHint => "前进一个图表时间片（图上多一个点），然后暂停。", "Advance one chart bucket (one more point on every chart), then pause.";
    Step => "单步", "Step";
    Reset => "重置", "Reset";
    RunToEnd => "运行到结束", "Run to the end";
    Speed => "速度", "Speed";
    SpeedSlow => "慢动作", "Slow motion";
    SpeedRealTime => "实时", "Real time";
    SpeedMax => "最快", "As fast as possible";
    Seed => "随机种子", "Seed";
    Horizon => "运行时长", "Run length";
    VirtualTime => "虚拟时间", "Virtual time";
    FaultAtNow => "在当前时刻 {0} 秒：", "Now, at {0} s:";
    FaultStartNow => "⚡ 制造{0}", "⚡ {0}";
    FaultEndNow => "↺ 结束：{0}", "↺ End: {0}";
    MessagesAfterRun => "运行结束后，这里会列出丢失、重复、乱序等消息。", "When the run has finished, its lost, duplicated, out-of-order and other notable messages are listed here.";
    MessageOnWire => "消息 #{0}：点击查看它的一生", "Message #{0}: click to read its whole life";
    BalanceOk => "✓ 已生产 = 已处理 + 丢失 + 过期 + 进入死信 + 退回生产者 + 仍在途中", "✓ produced = processed + lost + expired + dead-lettered + rejected + in flight";
    BalanceBad => "✗ 已生产 ≠ 各种结局之和", "✗ produced ≠ sum of endings";
    LinkInScenarioB => "链接里用来对比的场景 B（“~” 之后）有问题：", "In the compared scenario B (after the '~'):";
    LiveDown => "已宕机", "down";
    LiveDisconnected => "连接已断开", "disconnected";
    LiveUnavailable => "不可用（无主节点）", "unavailable (no leader)";
    LivePartitioned => "网络分区中", "partitioned";
    LiveReady => "待投递", "ready";
    LiveUnacked => "未确认", "unacked";
    StateIdle => "就绪", "Ready";
    StateRunning => "运行中", "Running";
    StatePaused => "已暂停", "Paused";
    StateFinished => "已结束", "Finished";
    Timeline => "时间轴", "Timeline";
    TimelineHint => "拖动时间轴可回到任意时刻：同一种子的运行是确定的，回退就是快速重跑。", "Drag the timeline back to any moment: a run is deterministic, so going back is a fast re-run.";
    Faults => "故障", "Faults";
    CrashNow => "让它宕机", "Crash it";
    RestartNow => "重启", "Restart";
    ScheduleFault => "安排故障", "Schedule a fault";
    FaultCrashNode => "节点宕机", "Node crash";
    FaultCrashConsumer => "消费者崩溃", "Consumer crash";
    FaultPartitionLink => "网络分区", "Network partition";
    FaultLinkLoss => "网络丢包", "Packet loss";
    FaultSlowDisk => "磁盘变慢", "Slow disk";
    FaultAt => "开始于", "Starts at";
    FaultFor => "持续", "Lasts";
    FaultTarget => "目标", "Target";
    FaultProbability => "丢包概率", "Drop probability";
    FaultFactor => "变慢倍数", "Slower by";
    FaultRandom => "随机故障", "Random faults";
    FaultMtbf => "平均故障间隔", "Mean time between failures";
    FaultMttr => "平均修复时间", "Mean time to repair";

    // ── Faults and timeline ─────────────────────────────────────────────────────────────────
    FaultsScheduled => "计划故障", "Scheduled faults";
    FaultsNone => "还没有计划故障。添加一个，看看系统怎样应对节点宕机、消费者崩溃或网络问题。", "No faults scheduled yet. Add one to see how the system copes with a crashed node, a dead consumer or a bad network.";
    FaultAdd => "添加故障", "Add fault";
    FaultKindLabel => "故障类型", "Kind";
    FaultRemove => "移除", "Remove";
    FaultNumber => "故障 #{0}", "Fault #{0}";
    FaultBackToList => "返回故障列表", "Back to the list";
    FaultUntilEnd => "直到运行结束", "until the end of the run";
    FaultForHelp => "留空表示故障一直持续到运行结束。", "Leave it empty and the fault lasts to the end of the run.";
    FaultNoTargets => "这种故障还没有可作用的目标：先在画布上添加{0}。", "Nothing for this fault to strike yet: add {0} to the canvas first.";
    FaultTargetsNode => "Broker 节点", "a broker node";
    FaultTargetsConsumer => "消费者", "a consumer";
    FaultTargetsLink => "生产者或消费者（它的网络链路）", "a producer or a consumer (its network link)";
    FaultCrashNodeHelp => "节点停止运行，没有写入磁盘的内容全部丢失；故障结束时节点重启。", "The node stops, losing everything not on its disk; it restarts when the fault ends.";
    FaultCrashConsumerHelp => "消费者进程崩溃；故障结束时重启。", "The consumer process dies; it restarts when the fault ends.";
    FaultPartitionLinkHelp => "网络分区：这条链路上什么都传不过去，直到故障结束。", "A network partition: nothing crosses this link until the fault ends.";
    FaultLinkLossHelp => "链路上的每次传输都按丢包概率被丢弃。", "Each transfer on the link is dropped with the drop probability.";
    FaultSlowDiskHelp => "每次 fsync 的耗时变为原来的若干倍，持久化消息的确认随之变慢。", "Each fsync takes this many times longer, and so do the confirms of persistent messages.";
    FaultSpan => "{0} 秒 → {1} 秒", "{0} s → {1} s";
    FaultSpanToEnd => "{0} 秒 → 运行结束", "{0} s → the end of the run";
    FaultRandomNote => "{0}（随机）：平均每 {1} 秒发生一次，平均 {2} 秒后恢复", "{0} (random): about every {1} s, repaired after {2} s on average";
    TimelineNow => "当前 {0} 秒", "now {0} s";
    TimelineSeeking => "正在跳转到 {0} 秒…", "Seeking to {0} s…";
    TimelineKeys => "点击或拖动时间轴跳转；← → 每次移动 1%，Home 和 End 跳到开头和结尾。", "Click or drag the timeline to seek; ← and → move by 1 %, Home and End go to the start and the end.";
    EditNoSuchFault => "没有第 {0} 个计划故障。", "There is no scheduled fault #{0}.";
    EditFaultNoTarget => "{0}的目标“{1}”不存在。", "{0}: there is no component with id \"{1}\".";
    EditFaultWrongTarget => "{0}不能作用于“{2}”（{3}）：它只作用于{1}。", "{0} cannot strike \"{2}\" ({3}): it strikes {1}.";
    EditFaultOutsideRun => "故障在运行期间开始：0 到 {1} 秒之间，而不是 {0} 秒。", "A fault starts during the run: between 0 and {1} s, not at {0} s.";

    // ── Charts ──────────────────────────────────────────────────────────────────────────────
    ChartsTitle => "图表", "Charts";
    ChartRates => "每秒消息数", "Messages per second";
    ChartBacklog => "各队列积压", "Backlog per queue";
    ChartLatency => "端到端延迟", "End-to-end latency";
    ChartLost => "累计丢失（按原因）", "Lost, cumulative, by cause";
    ChartAnomalies => "重复、乱序、过期与死信", "Duplicates, out of order, expired and dead-lettered";
    SeriesProduced => "生产", "produced";
    SeriesConfirmed => "已确认", "confirmed";
    SeriesDelivered => "已投递", "delivered";
    SeriesProcessed => "已处理", "processed";
    SeriesBacklog => "积压", "backlog";
    SeriesLatencyP50 => "延迟 p50", "latency p50";
    SeriesLatencyP99 => "延迟 p99", "latency p99";
    AxisTime => "时间（秒）", "time (s)";
    AxisPerSecond => "条/秒", "messages/s";
    AxisMessages => "消息数", "messages";
    AxisLatency => "延迟（毫秒）", "latency (ms)";
    SeriesToggle => "点击图例显示或隐藏曲线", "Click a legend entry to show or hide its series";
    ValueAt => "{0} 秒时：{1}", "at {0} s: {1}";

    // ── Totals and outcomes ─────────────────────────────────────────────────────────────────
    TotalsTitle => "总计", "Totals";
    TotalsOfA => "以上是 A 的总计；B 的见对比面板", "Totals of run A; B's are in the compare panel";
    TotalProduced => "已生产", "produced";
    TotalProcessed => "已处理", "processed";
    TotalDuplicates => "重复", "duplicates";
    TotalLost => "丢失", "lost";
    TotalExpired => "过期", "expired";
    TotalDeadLettered => "进入死信", "dead-lettered";
    TotalRejected => "退回生产者", "rejected";
    TotalInFlight => "仍在途中", "in flight";
    TotalOutOfOrder => "乱序", "out of order";
    TotalsExplained => "已生产 = 已处理 + 丢失 + 过期 + 进入死信 + 退回生产者 + 仍在途中。丢失指生产者以为成功了、却永远不会被处理的消息；退回指生产者知道失败了的消息。", "produced = processed + lost + expired + dead-lettered + rejected + in flight. Lost: the producer believed it succeeded, yet it will never be processed; rejected: the producer knows it failed.";
    CauseNetwork => "网络丢失", "network";
    CauseBrokerDown => "到达时节点已宕机", "broker down";
    CauseUnroutable => "无法路由", "unroutable";
    CauseOverflow => "队列溢出", "overflow";
    CauseBrokerCrash => "节点崩溃（未落盘）", "broker crash";
    CauseQueueUnavailable => "队列不可用", "queue unavailable";
    CauseConsumerCrash => "消费者崩溃（自动确认）", "consumer crash";
    CauseConsumerLink => "投递途中丢失（自动确认）", "consumer link";
    CauseDiscarded => "处理失败被丢弃", "discarded";
    LatencyP50 => "延迟中位数", "median latency";
    LatencyP99 => "99 分位延迟", "99th percentile latency";

    // ── Compare mode ────────────────────────────────────────────────────────────────────────
    Compare => "对比", "Compare";
    CompareFork => "复制为 B 进行对比", "Fork into B to compare";
    CompareExit => "退出对比", "Leave compare mode";
    CompareEditing => "正在编辑：{0}", "Editing: {0}";
    CompareDifference => "差值（B − A）", "Difference (B − A)";
    CompareTable => "A 与 B 的总计对比", "Totals of A and B";
    CompareTitle => "对比 A 与 B", "Compare A and B";
    CompareChanges => "B 相对 A 改了 {0} 处设置", "B changes {0} settings from A";
    CompareNoChanges => "B 还和 A 一模一样：在画布上切到 B，改一个开关再运行。", "B is still identical to A: switch the canvas to B, change a switch, then run.";
    CompareRunHint => "运行后这里并排显示 A 和 B 的每一项总计及其差值。", "Run them: every total of A and B appears here side by side, with the difference.";
    CompareKeepB => "保留 B", "Keep B";
    CompareKeepBHint => "退出对比，用 B 替换当前场景（可撤销）。", "Leave compare mode with B as the scenario (undoable).";
    EditRunA => "编辑 A", "Edit A";
    EditRunB => "编辑 B", "Edit B";
    CompareSameWorkload => "A 与 B 的工作负载完全相同（每个生产者有自己的随机数流），唯一的差别就是你改的设置。", "A and B get the identical workload (each producer has its own random stream), so the only difference is the setting you changed.";

    // ── Share and keep ──────────────────────────────────────────────────────────────────────
    Share => "分享", "Share";
    CopyLink => "复制链接", "Copy link";
    Copied => "已复制", "Copied";
    Import => "导入", "Import";
    ImportHint => "选择一个场景 JSON 文件", "Choose a scenario JSON file";
    ExportJson => "导出 JSON", "Export JSON";
    ExportCsv => "导出 CSV", "Export CSV";
    ExportPng => "导出 PNG", "Export PNG";
    ExportReport => "导出报告 JSON", "Report JSON";
    Autosaved => "已自动保存到本地", "Saved in this browser";
    Restored => "已恢复上次的工作", "Your last work was restored";

    // ── Errors ──────────────────────────────────────────────────────────────────────────────
    ErrorTitle => "出了点问题", "Something went wrong";
    ErrorBadLink => "这个链接打不开。", "This link cannot be opened.";
    ErrorBadFile => "这个文件不是可用的场景。", "This file is not a usable scenario.";
    ErrorValidationFailed => "场景没有通过检查，下面逐条列出了问题。", "The scenario did not pass its checks; each problem is listed below.";
    ErrorWorkKept => "你保存的工作没有被改动。", "Your saved work is untouched.";
    ErrorPanic => "页面遇到了内部错误。你的工作已保存在本地，重新加载即可继续。", "The page hit an internal error. Your work is saved in this browser; reload to carry on.";
    ErrorReload => "重新加载", "Reload";
    Dismiss => "关闭", "Dismiss";
    LinkEmpty => "链接里没有场景：# 后面是空的。", "The link has no scenario in it: nothing follows the #.";
    LinkNotALink => "这不是 MQ Lab 的场景链接：# 后面应以“v1.”开头。", "This is not an MQ Lab scenario link: the part after # should start with \"v1.\".";
    LinkUnknownVersion => "这个链接是格式 {0}，来自另一个版本的 MQ Lab；本实验只读 v1 链接。", "This link is in format {0}, made by another version of MQ Lab; this lab reads v1 links.";
    LinkTooLong => "链接长达 {0} 个字符，超过上限，为了让页面保持流畅而拒绝打开。", "The link is {0} characters long, over the limit, so it was refused to keep the page responsive.";
    LinkTruncated => "链接被截断了，少了一部分。请重新复制完整的链接；聊天工具和邮件有时会截断长链接。", "The link is cut short: part of it is missing. Copy the whole link again; chat tools and e-mail sometimes cut long links.";
    LinkNotBase64 => "链接里有不该出现的字符（数据的第 {0} 个位置）：它在生成之后被改动过。", "The link contains a character that does not belong in it (at position {0} of its data): it was changed after it was made.";
    LinkDoesNotInflate => "链接的数据已损坏，无法解压：它在生成之后被改动过。", "The link's data is damaged and cannot be unpacked: it was changed after it was made.";
    LinkTooLarge => "链接解压后超过 1 MiB，拒绝打开。", "The link unpacks to more than 1 MiB, so it was refused.";
    LinkTampered => "链接的校验和与内容不符：它在生成之后被改动过。", "The link's checksum does not match its content: it was changed after it was made.";
    LinkBadScenario => "链接完好，但里面的场景无法读取：", "The link is intact, but the scenario in it cannot be read:";

    // ── Trace panel ─────────────────────────────────────────────────────────────────────────
    TraceTitle => "消息生命周期", "A message's life";
    TracePick => "点击一条消息，或从丢失、重复、乱序列表中选一条，查看它的完整经历。", "Click a message, or pick one from the lists of lost, duplicated and out-of-order messages, to read its whole life.";
    TraceMessage => "消息 #{0}", "Message #{0}";
    TraceTime => "时间", "Time";
    TracePlace => "位置", "Where";
    TraceWhat => "发生了什么", "What happened";
    TraceOutcome => "结局", "Outcome";
    TraceInFlight => "运行结束时仍在途中", "still in flight when the run ended";
    TraceNotFound => "这次运行没有产生这条消息。", "This run made no message with that id.";
    TraceLostAt => "在 {0} 丢失，原因：{1}", "lost at {0}, cause: {1}";
    ExamplesLost => "丢失的消息", "Lost messages";
    ExamplesDuplicated => "重复处理的消息", "Duplicated messages";
    ExamplesOutOfOrder => "乱序的消息", "Out-of-order messages";
    ExamplesExpired => "过期的消息", "Expired messages";
    ExamplesDeadLettered => "进入死信的消息", "Dead-lettered messages";
    ExamplesRejected => "退回生产者的消息", "Rejected messages";

    // ── Messages and their lives ────────────────────────────────────────────────────────────
    MessagesTitle => "看得见的消息", "Messages you can see";
    MessagesClose => "关闭消息面板", "Close the messages panel";
    MessagesShowing => "列出 {0} 条，共 {1} 条", "showing {0} of {1}";
    MessagesNoneOfKind => "这次运行没有这类消息。", "None in this run.";
    MessagesDuplicatesCount => "重复数按多出来的处理效果计（每条消息、每个队列），不是按消息条数。", "The count is of extra effects (per message and queue), not of messages.";
    MessagesUnreadable => "报告里的消息列表无法读取：{0}", "The report's message lists cannot be read: {0}";
    MessagesPickHint => "点击编号查看这条消息的生命周期。", "Click an id to see that message's life.";
    ListLost => "丢失", "Lost";
    ListDuplicated => "重复", "Duplicated";
    ListOutOfOrder => "乱序", "Out of order";
    ListExpired => "过期", "Expired";
    ListDeadLettered => "死信", "Dead-lettered";
    ListRejected => "被拒绝", "Rejected";
    TraceIdLabel => "追踪消息 #", "Trace message #";
    TraceGo => "追踪", "Trace";
    TraceIdEmpty => "请输入消息编号。", "Enter a message id.";
    TraceIdNotWhole => "消息编号是不小于 0 的整数。", "A message id is a whole number, 0 or more.";
    TraceIdTooLarge => "这个编号太大了，没有哪次运行会产生这么多消息。", "That id is too large for any run to reach.";
    TraceLoading => "正在重放这次运行，追踪消息 #{0}……", "Re-running the scenario to trace message #{0}…";
    TraceFailed => "追踪消息 #{0} 失败：{1}", "Tracing message #{0} failed: {1}";
    LifeAt => "{0} ms 时", "at {0} ms";
    LifeSincePrevious => "距上一步 +{0} ms", "+{0} ms since the step before";
    LifeSinceBirth => "产生后 {0} ms", "{0} ms after it was made";
    LifeLifetime => "从产生到结局共 {0} ms", "{0} ms from creation to outcome";
    LifePath => "经过：{0}", "Path: {0}";
    LifeDecidedAt => "结局在 {0} ms 确定，位置：{1}", "decided at {0} ms, at {1}";
    LifeProcessings => "效果写入了 {0} 次", "its effect was applied {0} times";
    StepCreated => "产生", "created";
    StepSent => "发送", "sent";
    StepResent => "重发", "resent";
    StepRefused => "被拒收", "refused";
    StepQueued => "入队", "queued";
    StepReplicated => "复制到副本", "replicated";
    StepPersisted => "写入磁盘", "written to disk";
    StepDelivered => "投递", "delivered";
    StepRedelivered => "重新投递", "redelivered";
    StepDropped => "被丢弃", "dropped";
    StepCrashed => "崩溃中丢失", "lost in a crash";
    StepSkipped => "幂等去重，跳过", "skipped as a duplicate";
    StepProcessing => "开始处理", "processing";
    StepFailed => "处理失败", "failed";
    StepProcessed => "处理完成", "processed";
    StepProcessedAgain => "再次处理（重复）", "processed again";
    StepOutOfOrder => "乱序", "out of order";
    StepAcked => "消费确认（ack）", "acked";
    StepRequeued => "退回队列（nack）", "requeued";
    StepConfirmed => "发布确认", "confirmed";
    StepNacked => "被 broker 否认（nack）", "nacked";
    StepTimedOut => "确认超时", "timed out";
    StepGaveUp => "放弃重试", "gave up";
    StepExpired => "过期（TTL）", "expired";
    StepDeadLettered => "进入死信", "dead-lettered";
    // The validator's problems (`mqlab_scenario::Problem`); in English exactly the scenario
    // crate's message (a test checks it). {0}, {1}, … are the problem's values in its order.
    ProblemNotANumber => "NaN 不是数字", "NaN is not a number";
    ProblemNotFinite => "{0} 不是有限的数", "{0} is not a finite number";
    ProblemNegative => "{0} 是负数；必须大于或等于 0", "{0} is negative; it must be 0 or more";
    ProblemAboveLimit => "{0} 超过了上限 {1}", "{0} is above the limit of {1}";
    ProblemBelowMinimum => "{0} 低于下限 {1}", "{0} is below the minimum of {1}";
    ProblemMustBeAboveZero => "必须大于 0", "must be above 0";
    ProblemRoundsToZero => "{0} 舍入后是 0 µs；必须大于 0", "{0} rounds to 0 µs; it must be above 0";
    ProblemNotAProbability => "{0} 不是概率；必须在 0 到 1 之间", "{0} is not a probability; it must be between 0 and 1";
    ProblemTooManyBytes => "长 {0} 字节；上限是 {1}", "is {0} bytes long; the limit is {1}";
    ProblemTooManyChars => "长 {0} 个字符；上限是 {1}", "is {0} characters long; the limit is {1}";
    ProblemTooManyEntries => "有 {0} 项；上限是 {1}", "has {0} entries; the limit is {1}";
    ProblemMustNotBeEmpty => "不能为空", "must not be empty";
    ProblemIdEmpty => "id 不能为空", "an id must not be empty";
    ProblemIdHasSpace => "“{0}” 含有空格或控制字符", "\"{0}\" contains a space or control character";
    ProblemIdTaken => "“{0}” 已经是 {1} 的 id；id 必须唯一", "\"{0}\" is already the id of {1}; ids must be unique";
    ProblemNoSuchId => "没有 id 为 “{1}” 的{0}", "no {0} with id \"{1}\"";
    ProblemIdOfOtherKind => "没有 id 为 “{1}” 的{0}（“{1}” 是{2}）", "no {0} with id \"{1}\" (\"{1}\" is {2})";
    ProblemNoNodes => "场景里没有节点；请在 “nodes” 里添加一个 Broker 节点", "the scenario has no nodes; add a broker node to \"nodes\"";
    ProblemNoSuchClient => "没有 id 为 “{0}” 的生产者或消费者", "no producer or consumer with id \"{0}\"";
    ProblemClientOfOtherKind => "没有 id 为 “{0}” 的生产者或消费者（“{0}” 是{1}；网络链路属于生产者或消费者）", "no producer or consumer with id \"{0}\" (\"{0}\" is {1}; a link belongs to a producer or a consumer)";
    ProblemListedTwice => "“{0}” 列出了两次", "\"{0}\" is listed twice";
    ProblemSameBinding => "与 bindings[{0}] 是同一个绑定", "the same binding as bindings[{0}]";
    ProblemHeaderNameEmpty => "header 名不能为空", "a header name must not be empty";
    ProblemNeedsTwoNodes => "{0} 队列至少需要 2 个节点", "a {0} queue needs at least 2 nodes";
    ProblemDlxOverflowNeedsDlx => "reject_publish_dlx 需要设置 dead_letter_exchange（死信交换机）", "reject_publish_dlx needs a dead_letter_exchange";
    ProblemOnlyWithDeadLetterExchange => "只在设置了 dead_letter_exchange（死信交换机）时使用", "only used with a dead_letter_exchange";
    ProblemMaxBelowMin => "{0} 小于 min_ms（{1}）", "{0} is below min_ms ({1})";
    ProblemStopNotAfterStart => "{0} 不晚于 start_s（{1}）", "{0} is not after start_s ({1})";
    ProblemLinkLossNeedsProbability => "缺少：link_loss 故障需要丢弃传输的概率", "missing; a link_loss fault needs the probability of dropping a transfer";
    ProblemSlowDiskNeedsFactor => "缺少：slow_disk 故障需要 fsync 变慢的倍数", "missing; a slow_disk fault needs the factor by which fsyncs slow down";
    ProblemFaultsOverlap => "与同一目标上的 {0} 时间重叠；同一目标上同一种故障不能重叠", "overlaps {0} on the same target; faults of one kind on one target must not overlap";
    ProblemUnsupportedVersion => "不支持版本 {0}；本实验室读取版本 {1}", "{0} is not supported; this lab reads version {1}";
    ProblemTooManyMessages => "这些生产者加起来会产生约 {0} 条消息（每个的最高速率 × 活跃时间）；上限是 {1}", "together they would create about {0} messages (each one's highest rate × its active time); the limit is {1}";
    ProblemTooManyFaults => "共 {0} 个故障（faults、random_faults 和链路分区）；上限是 {1}", "{0} faults in all (faults, random_faults and link partitions); the limit is {1}";
    ProblemXMatchOnlyForHeaders => "只用于 headers 交换机（这个是 {0}）", "only used by a headers exchange (this one is {0})";
    ProblemQuorumAlwaysDurable => "仲裁队列（quorum）总是持久化的；把 durable 设为 true 或省略它", "a quorum queue is always durable; set durable to true or leave it out";
    ProblemHeadersOnlyForHeaders => "只用于 headers 交换机（“{0}” 是 {1}）", "only used by a headers exchange (\"{0}\" is {1})";
    ProblemOnlyWithBursts => "只用于 bursts 速率形态（这个生产者的形态是 {0}）", "only used with shape bursts (this producer's shape is {0})";
    ProblemOnlyWithSchedule => "只用于 schedule 速率形态（这个生产者的形态是 {0}）", "only used with shape schedule (this producer's shape is {0})";
    ProblemPoissonOnlyWithBurstsOrSchedule => "只用于 bursts 和 schedule 形态（这个生产者的形态是 {0}；poisson 形态本身就是泊松到达）", "only used with shapes bursts and schedule (this producer's shape is {0}; shape poisson already means Poisson arrivals)";
    ProblemRateNotWithSchedule => "schedule 形态不用它；请在 steps 里给出速率", "not used with shape schedule; give the rates in steps";
    ProblemRateMissing => "缺少：{0} 形态需要一个速率", "missing; shape {0} needs a rate";
    ProblemBurstRateMissing => "缺少：bursts 形态需要突发期间的速率", "missing; shape bursts needs the rate during a burst";
    ProblemBurstLengthMissing => "缺少：bursts 形态需要每次突发持续多久", "missing; shape bursts needs how long a burst lasts";
    ProblemBurstsOverlap => "{0} 比 burst_s（{1}）短；突发会相互重叠", "{0} is shorter than burst_s ({1}); bursts would overlap";
    ProblemStepsMissing => "缺少：schedule 形态需要 steps：[{\"at_s\": 0, \"rate_per_s\": 100}, ...]", "missing; shape schedule needs steps: [{\"at_s\": 0, \"rate_per_s\": 100}, ...]";
    ProblemNoSteps => "schedule 至少需要一个 step", "a schedule needs at least one step";
    ProblemStepsOutOfOrder => "{0} 不晚于 steps[{1}].at_s（{2}）；steps 必须按时间顺序", "{0} is not after steps[{1}].at_s ({2}); steps must be in time order";
    ProblemProbabilityOnlyForLinkLoss => "只用于 link_loss 故障（这个是 {0}）", "only used by link_loss faults (this one is {0})";
    ProblemFactorOnlyForSlowDisk => "只用于 slow_disk 故障（这个是 {0}）", "only used by slow_disk faults (this one is {0})";
    ProblemTooManyStrikes => "平均每 {0} 秒一次，在 {1} 秒的运行里会发生约 {2} 次；上限是 {3}", "{0} s over a {1} s run would strike about {2} times; the limit is {3}";
    ProblemLayoutKey => "布局的键是 1 到 {0} 个字符的组件 id", "a layout key is a component id of 1 to {0} characters";
    ProblemOutsideCanvas => "{0} 超出了 ±{1}", "{0} is outside ±{1}";
    ProblemTooManyBuckets => "{0} ms 的图表粒度在 {1} 秒的运行里会有 {2} 个点；上限是 {3}", "{0} ms buckets over a {1} s horizon make {2} buckets; the limit is {3}";
    ProblemMoreErrors => "……还有 {0} 个错误", "... and {0} more errors";
    // The sentence beside each step: `mqlab_engine::trace::What`, worded as `mqlab trace`
    // prints it in English (a test checks the English is the engine's own).
    WhatProduced => "生产者产生了它（键 {0}，序号 {1}）", "produced (key {0}, seq {1})";
    WhatOutboxFull => "被拒收：生产者的发送缓冲区已满", "refused: the producer's outbox is full";
    WhatSent => "已发送（第 {0} 次尝试）", "sent (attempt {0})";
    WhatDroppedOnProducerLink => "在生产者的网络链路上丢失", "dropped on the producer's link";
    WhatConfirmed => "已收到 broker 的发布确认", "confirmed";
    WhatNackedByBroker => "被 broker 否认（nack）", "nacked by the broker";
    WhatConfirmTimedOut => "等待发布确认超时", "no confirm in time";
    WhatGaveUp => "放弃：重试次数用尽", "gave up: out of retries";
    WhatNodeDown => "被拒收：节点已宕机", "refused: node is down";
    WhatUnroutable => "无法路由：没有匹配的绑定", "unroutable: no binding matched";
    WhatQueueUnavailable => "被拒收：队列不可用", "refused: queue unavailable";
    WhatPushedOutDropHead => "被挤出：队列已满（drop-head）", "pushed out: queue full (drop-head)";
    WhatQueueFullRejectPublish => "被拒收：队列已满（reject-publish）", "refused: queue full (reject-publish)";
    WhatQueueFullRejectPublishDlx => "被拒收：队列已满（reject-publish-dlx）", "refused: queue full (reject-publish-dlx)";
    WhatExpired => "已过期（TTL）", "expired (TTL)";
    WhatStored => "已存入队列", "stored";
    WhatReplicated => "已复制到副本节点", "replicated";
    WhatWrittenToDisk => "已写入磁盘（fsync）", "written to disk (fsync)";
    WhatDeadLettered => "已转入死信交换机", "dead-lettered";
    WhatLostInBrokerCrash => "随 broker 节点崩溃丢失", "lost in a broker crash";
    WhatDelivered => "已投递给消费者", "delivered";
    WhatRedelivered => "已重新投递给消费者", "delivered (redelivery)";
    WhatDroppedOnConsumerLink => "投递在消费者的网络链路上丢失", "delivery dropped on the consumer's link";
    WhatSkippedDuplicate => "已跳过：去重表里已有这个 ID", "skipped: id already in the dedupe store";
    WhatProcessingStarted => "开始处理", "processing started";
    WhatProcessingFailed => "处理失败", "processing failed";
    WhatProcessedFromDlq => "已从死信队列处理", "processed from the dead-letter queue";
    WhatProcessed => "已处理：效果写入下游存储", "processed: effect applied to the store";
    WhatProcessedAgain => "再次处理（重复的效果）", "processed again";
    WhatOutOfOrder => "乱序：同一个键的更晚消息先被处理了", "out of order: a later message of its key was processed first";
    WhatAcked => "已消费确认（ack）", "acked";
    WhatNackedRequeued => "否认（nack）：退回队列", "nacked: requeued";
    WhatNackedWithoutRequeue => "否认（nack）且不退回队列", "nacked without requeue";
    WhatConsumerCrashed => "消费者持有它时崩溃", "consumer crashed holding it";
}
same {
    UnitMs => "ms";
    SeriesA => "A";
    SeriesB => "B";
    P50 => "p50";
    P99 => "p99";
    ExchangeXMatch => "x-match";
}
}
