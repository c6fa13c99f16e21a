// What each reader sees of a note: the village's own staff read it whole; its villagers the note, how
// and when it was closed, not by whom.
import { z } from 'zod';
import { holdsAny, publicView, publicViewSchema, VILLAGE_STAFF, type Projections } from '../../../workflows/common/projection';
import { twoStepContract, type TwoStepView } from './contract';

const publicDetails = z
  .object({ villageId: z.string(), note: z.string(), closed: z.object({ text: z.string(), at: z.string() }).optional() })
  .meta({ id: 'TwoStepPublicDetails' });

export const twoStepProjections: Projections<TwoStepView> = {
  isSubject: (view, reader) => holdsAny(reader, VILLAGE_STAFF, view.villageId),
  subject: { schema: twoStepContract.view, project: (view) => view },
  public: {
    schema: publicViewSchema('twoStep', publicDetails).meta({ id: 'TwoStepPublicView' }),
    project: (view) => {
      const { villageId, note, closed } = view.details;
      return publicView(view, { villageId, note, ...(closed && { closed: { text: closed.text, at: closed.at } }) });
    },
  },
};
